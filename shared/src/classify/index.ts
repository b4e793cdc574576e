export { expectedCalibrationError } from './calibrate';
export {
  fromBase64,
  joinChunks,
  KVS_BASE64_CHUNK_BYTES,
  KVS_VALUE_LIMIT,
  splitChunks,
  toBase64,
} from './chunks';
export type { Classifier, ScoredLabel } from './classifier';
export { type Evaluation, evaluate, type LabelScore, labelScores, macroF1 } from './evaluate';
export { stratifiedFolds } from './folds';
export { TrainedModel } from './model';
export { loadModel, MODEL_FORMAT, serialiseModel } from './serialise';
export { DEFAULT_BLOCK_WEIGHTS, DEFAULT_C, type Example, type TrainOptions, trainClassifier } from './train';
