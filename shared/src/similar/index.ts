export { SimilarityIndex } from './similarity-index';
export {
  DEFAULT_TUNING,
  type IndexedTicket,
  type SimilarityTuning,
  type SimilarOptions,
  type SimilarQuery,
} from './types';
