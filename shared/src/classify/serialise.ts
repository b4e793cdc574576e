import { InvalidInputError } from '../errors';
import type { FeatureOptions } from './features';
import { crc32, fnvBytes } from './hash';
import { type ModelData, TrainedModel } from './model';

/**
 * Binary model layout (little-endian), version 1:
 *   "SBCM" | u8 format | u32 header length | header JSON (labels, options, scales, bias, temperature)
 *   | u32 rows | row feature indices as LEB128 deltas | u16 idf per row | i8 weight per row x label
 *   | u32 CRC-32 of everything before it.
 * Weights are int8 with one scale per label: a linear text model loses nothing measurable at 8 bits (see the
 * bench) and the file is about (1.5 + 2 + labels) bytes per kept feature.
 */

const MAGIC = [0x53, 0x42, 0x43, 0x4d];
export const MODEL_FORMAT = 1;

interface Header {
  labels: string[];
  features: FeatureOptions;
  blockWeights: number[];
  temperature: number;
  maxIdf: number;
  scales: number[];
  bias: number[];
  examples: number;
}

/** Unquantised weights as training produces them. */
export interface RawModel {
  labels: string[];
  features: FeatureOptions;
  blockWeights: number[];
  temperature: number;
  columns: Int32Array;
  idf: Float64Array;
  weights: Float64Array;
  bias: Float64Array;
  examples: number;
}

export function encodeModel(m: RawModel): Uint8Array {
  const k = m.labels.length;
  const rows = m.columns.length;
  let maxIdf = 0;
  for (const v of m.idf) maxIdf = Math.max(maxIdf, v);
  const scales = new Array<number>(k).fill(0);
  for (let i = 0; i < m.weights.length; i++) {
    const c = i % k;
    scales[c] = Math.max(scales[c] as number, Math.abs(m.weights[i] as number));
  }
  for (let c = 0; c < k; c++) scales[c] = Math.fround((scales[c] as number) / 127);
  const header: Header = {
    labels: m.labels,
    features: m.features,
    blockWeights: m.blockWeights,
    temperature: m.temperature,
    maxIdf,
    scales,
    bias: Array.from(m.bias),
    examples: m.examples,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const size = 4 + 1 + 4 + headerBytes.length + 4 + rows * 5 + rows * 2 + rows * k + 4;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  out[4] = MODEL_FORMAT;
  view.setUint32(5, headerBytes.length, true);
  out.set(headerBytes, 9);
  let p = 9 + headerBytes.length;
  view.setUint32(p, rows, true);
  p += 4;
  let prev = 0;
  for (let r = 0; r < rows; r++) {
    let d = (m.columns[r] as number) - prev;
    prev = m.columns[r] as number;
    while (d >= 0x80) {
      out[p++] = (d & 0x7f) | 0x80;
      d >>>= 7;
    }
    out[p++] = d;
  }
  for (let r = 0; r < rows; r++) {
    view.setUint16(p, maxIdf > 0 ? Math.round(((m.idf[r] as number) / maxIdf) * 65535) : 0, true);
    p += 2;
  }
  for (let i = 0; i < rows * k; i++) {
    const s = scales[i % k] as number;
    view.setInt8(p++, s > 0 ? Math.round((m.weights[i] as number) / s) : 0);
  }
  view.setUint32(p, crc32(out, 0, p), true);
  return out.slice(0, p + 4);
}

function corrupt(message: string): InvalidInputError {
  return new InvalidInputError([{ path: '', message }], 'model');
}

/** Reads a model; refuses anything that is not an intact model of a known format. */
export function loadModel(bytes: Uint8Array): TrainedModel {
  if (bytes.length < 17 || MAGIC.some((b, i) => bytes[i] !== b)) throw corrupt('not a Switchboard model file');
  if (bytes[4] !== MODEL_FORMAT) throw corrupt(`unsupported model format ${bytes[4]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 4;
  if (view.getUint32(end, true) !== crc32(bytes, 0, end)) throw corrupt('checksum mismatch (corrupted model)');
  const headerLength = view.getUint32(5, true);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(9, 9 + headerLength))) as Header;
  } catch {
    throw corrupt('unreadable model header');
  }
  const k = header.labels.length;
  let p = 9 + headerLength;
  const rows = view.getUint32(p, true);
  p += 4;
  if (p + rows * (3 + k) > end) throw corrupt('truncated model');
  const columns = new Int32Array(rows);
  let prev = 0;
  for (let r = 0; r < rows; r++) {
    let d = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[p++] as number;
      d |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    prev += d;
    columns[r] = prev;
  }
  const idf = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    idf[r] = (view.getUint16(p, true) / 65535) * header.maxIdf;
    p += 2;
  }
  const weights = new Float32Array(rows * k);
  for (let i = 0; i < rows * k; i++) weights[i] = view.getInt8(p++) * (header.scales[i % k] as number);
  if (p !== end) throw corrupt('model length mismatch');
  const data: ModelData = {
    labels: header.labels,
    features: header.features,
    blockWeights: header.blockWeights,
    temperature: header.temperature,
    columns,
    idf,
    weights,
    bias: Float64Array.from(header.bias),
    examples: header.examples,
  };
  const id = crc32(bytes, 0, end).toString(16).padStart(8, '0') + fnvBytes(bytes, 0, end).toString(16).padStart(8, '0');
  const model = new TrainedModel(data, `svm-${id}`);
  serialised.set(model, bytes);
  return model;
}

/** The bytes a model was loaded from: serialising is then free and exact. */
const serialised = new WeakMap<TrainedModel, Uint8Array>();

export function serialiseModel(model: TrainedModel): Uint8Array {
  const bytes = serialised.get(model);
  if (bytes === undefined) throw new Error('model was not built by trainClassifier or loadModel');
  return bytes.slice();
}
