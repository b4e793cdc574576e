import { describe, expect, it } from 'vitest';
import {
  fromBase64,
  joinChunks,
  KVS_BASE64_CHUNK_BYTES,
  KVS_VALUE_LIMIT,
  splitChunks,
  toBase64,
} from '../../src/classify';
import { prng } from '../../src/classify/hash';

/** toEqual walks big typed arrays element by element (seconds for 700 KB); compare as buffers instead. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

function randomBytes(n: number, seed: number): Uint8Array {
  const r = prng(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
}

describe('KVS chunks', () => {
  const payload = randomBytes(700_000, 1);

  it('splits into chunks of at most 240 KiB that join back, in any order', () => {
    const chunks = splitChunks(payload);
    expect(chunks.length).toBe(3);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(KVS_VALUE_LIMIT);
    expect(same(joinChunks(chunks), payload)).toBe(true);
    expect(same(joinChunks([...chunks].reverse()), payload)).toBe(true);
  });

  it('base64 chunks fit a KVS value', () => {
    for (const c of splitChunks(payload, KVS_BASE64_CHUNK_BYTES)) {
      const text = toBase64(c);
      expect(JSON.stringify(text).length).toBeLessThanOrEqual(KVS_VALUE_LIMIT);
      expect(same(fromBase64(text), c)).toBe(true);
    }
  });

  it('handles an empty payload and tiny chunk sizes', () => {
    expect(joinChunks(splitChunks(new Uint8Array(0)))).toEqual(new Uint8Array(0));
    const small = randomBytes(1000, 2);
    expect(joinChunks(splitChunks(small, 100))).toEqual(small);
  });

  it('refuses a corrupted, missing, duplicated or foreign chunk', () => {
    const chunks = splitChunks(payload);
    const bad = chunks.map((c) => c.slice());
    const damaged = bad[1] as Uint8Array;
    damaged[5000] = (damaged[5000] as number) ^ 0x40;
    expect(() => joinChunks(bad)).toThrow(/chunk 1 is corrupted/);
    expect(() => joinChunks(chunks.slice(0, 2))).toThrow(/expected 3 chunks/);
    expect(() => joinChunks([chunks[0] as Uint8Array, chunks[0] as Uint8Array, chunks[2] as Uint8Array])).toThrow(
      /out of place/,
    );
    const other = splitChunks(randomBytes(700_000, 3));
    expect(() => joinChunks([chunks[0] as Uint8Array, other[1] as Uint8Array, chunks[2] as Uint8Array])).toThrow(
      /different models/,
    );
    expect(() => joinChunks([])).toThrow(/no chunks/);
  });
});
