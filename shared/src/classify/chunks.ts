import { InvalidInputError } from '../errors';
import { crc32 } from './hash';

/**
 * Forge KVS holds at most 240 KiB per value (https://developer.atlassian.com/platform/storage-api/limits/),
 * so a model is stored as numbered chunks. Each chunk carries its index, the chunk count, the payload length
 * and CRC-32 of the whole payload and of itself, so a lost, stale (from another model) or damaged chunk is
 * refused rather than loaded.
 */
export const KVS_VALUE_LIMIT = 240 * 1024;
/** Raw bytes per chunk when chunks travel as base64 strings (4/3 larger), with room for the JSON quotes. */
export const KVS_BASE64_CHUNK_BYTES = Math.floor(((KVS_VALUE_LIMIT - 64) * 3) / 4);

const MAGIC = 0x5342434b; // "SBCK"
const HEADER = 24;

export function splitChunks(bytes: Uint8Array, maxChunkBytes: number = KVS_VALUE_LIMIT): Uint8Array[] {
  if (maxChunkBytes <= HEADER) throw new RangeError(`chunk size must exceed ${HEADER} bytes`);
  const room = maxChunkBytes - HEADER;
  const count = Math.max(1, Math.ceil(bytes.length / room));
  if (count > 0xffff) throw new RangeError('too many chunks');
  const whole = crc32(bytes);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const part = bytes.subarray(i * room, Math.min(bytes.length, (i + 1) * room));
    const chunk = new Uint8Array(HEADER + part.length);
    const v = new DataView(chunk.buffer);
    v.setUint32(0, MAGIC);
    v.setUint16(4, i, true);
    v.setUint16(6, count, true);
    v.setUint32(8, bytes.length, true);
    v.setUint32(12, whole, true);
    v.setUint32(16, crc32(part), true);
    v.setUint32(20, 0, true); // reserved
    chunk.set(part, HEADER);
    out.push(chunk);
  }
  return out;
}

function refuse(message: string): InvalidInputError {
  return new InvalidInputError([{ path: '', message }], 'model chunks');
}

/** Reassembles `splitChunks` output (in any order); throws InvalidInputError on any inconsistency. */
export function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 0) throw refuse('no chunks');
  let count = -1;
  let length = -1;
  let whole = -1;
  const parts: (Uint8Array | undefined)[] = [];
  for (const c of chunks) {
    if (c.length < HEADER) throw refuse('chunk too short');
    const v = new DataView(c.buffer, c.byteOffset, c.byteLength);
    if (v.getUint32(0) !== MAGIC) throw refuse('not a model chunk');
    const index = v.getUint16(4, true);
    const n = v.getUint16(6, true);
    const len = v.getUint32(8, true);
    const crc = v.getUint32(12, true);
    if (count < 0) {
      count = n;
      length = len;
      whole = crc;
    } else if (n !== count || len !== length || crc !== whole) {
      throw refuse('chunks of different models');
    }
    const part = c.subarray(HEADER);
    if (crc32(part) !== v.getUint32(16, true)) throw refuse(`chunk ${index} is corrupted`);
    if (index >= count || parts[index] !== undefined) throw refuse(`chunk ${index} out of place`);
    parts[index] = part;
  }
  if (chunks.length !== count) throw refuse(`expected ${count} chunks, got ${chunks.length}`);
  const out = new Uint8Array(length);
  let p = 0;
  for (const part of parts) {
    const bytes = part as Uint8Array;
    if (p + bytes.length > length) throw refuse('chunk lengths do not add up');
    out.set(bytes, p);
    p += bytes.length;
  }
  if (p !== length || crc32(out) !== whole) throw refuse('reassembled model fails its checksum');
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}
