/**
 * Seeded PRNG (mulberry32): ids, tokens and hashes repeat exactly for the same seed, so a failing run can be
 * replayed. Math.random would make emulator output differ between runs.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** `length` characters drawn from `alphabet`. */
  pick(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  hex(length: number): string {
    return this.pick('0123456789abcdef', length);
  }

  digits(length: number): string {
    return this.pick('123456789', 1) + this.pick('0123456789', length - 1);
  }
}

/** Slack object ids are a type letter then upper-case letters and digits (T... team, U... user, C... channel). */
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Ten characters after the prefix: the spec's patterns want at least eight (e.g. defs_workspace_id `^[TE][A-Z0-9]{8,}$`). */
export function slackId(rng: Rng, prefix: string): string {
  return prefix + rng.pick(ID_ALPHABET, 10);
}

/** FNV-1a, so a workspace's ids depend on the seed and its name only, not on what other workspaces did. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
