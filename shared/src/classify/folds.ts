import { prng, shuffle } from './hash';

/**
 * Stratified k-fold assignment: items sharing a key (label, or repo + label) are shuffled with the seed and
 * dealt round-robin, so every fold holds each key in proportion. Returns the fold of each item.
 */
export function stratifiedFolds(keys: readonly string[], k: number, seed: number): Int32Array {
  const rand = prng(seed);
  const groups = new Map<string, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    let g = groups.get(key);
    if (g === undefined) {
      g = [];
      groups.set(key, g);
    }
    g.push(i);
  }
  const fold = new Int32Array(keys.length);
  // Continue dealing where the previous group stopped, so small groups do not all pile into fold 0.
  let next = 0;
  for (const key of [...groups.keys()].sort()) {
    for (const i of shuffle(groups.get(key) as number[], rand)) {
      fold[i] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}
