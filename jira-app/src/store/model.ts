import {
  type Classifier,
  fromBase64,
  joinChunks,
  KVS_BASE64_CHUNK_BYTES,
  loadModel,
  splitChunks,
  toBase64,
} from '@switchboard/shared';
import type { KeyValue } from '../platform';

/** What the admin page shows about the model, and where its chunks are. */
export interface ModelMeta {
  version: string;
  trainedAt: string;
  examples: number;
  labels: string[];
  chunks: number;
}

const META = 'model:meta';
const chunkKey = (version: string, i: number) => `model:chunk:${version}:${i}`;

/** Loaded models by version: a warm instance loads each model once (load is ~10-200 ms). */
const loaded = new Map<string, Classifier>();

export const modelMeta = (kv: KeyValue) => kv.get<ModelMeta>(META);

export async function currentModel(kv: KeyValue): Promise<Classifier | undefined> {
  const meta = await modelMeta(kv);
  if (!meta) return undefined;
  const hit = loaded.get(meta.version);
  if (hit) return hit;
  const parts = await Promise.all(
    Array.from({ length: meta.chunks }, (_, i) => kv.get<string>(chunkKey(meta.version, i))),
  );
  if (parts.some((p) => p === undefined)) return undefined; // a save in progress or a lost chunk: rules only
  const model = loadModel(joinChunks(parts.map((p) => fromBase64(p as string))));
  loaded.set(meta.version, model);
  return model;
}

/**
 * Stores a model in base64 chunks under 240 KiB (DESIGN §5, KVS value limit), then switches the meta to it:
 * a reader sees the old model or the new one, never half of each.
 */
export async function saveModel(kv: KeyValue, bytes: Uint8Array, meta: Omit<ModelMeta, 'chunks'>): Promise<void> {
  const previous = await modelMeta(kv);
  const chunks = splitChunks(bytes, KVS_BASE64_CHUNK_BYTES);
  for (const [i, c] of chunks.entries()) await kv.set(chunkKey(meta.version, i), toBase64(c));
  await kv.set<ModelMeta>(META, { ...meta, chunks: chunks.length });
  if (previous && previous.version !== meta.version) {
    for (let i = 0; i < previous.chunks; i++) await kv.delete(chunkKey(previous.version, i));
  }
}
