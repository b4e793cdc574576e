/**
 * Open-addressing map from a non-negative int key to an int value. Feature indices span millions of
 * buckets but one ticket touches ~1,500 and one model keeps ~10^4-10^5, so a small table that stays in cache
 * beats a dense array over the whole index space (measured: 3x faster extraction and lookup).
 */
export class IntTable {
  private keys: Int32Array;
  private vals: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.keys = new Int32Array(cap).fill(-1);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** Keys are already well-mixed hashes; a cheap multiply spreads the block bits too. */
  private slot(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    i = (i ^ (i >>> 15)) & this.mask;
    const keys = this.keys;
    for (;;) {
      const k = keys[i] as number;
      if (k === key || k === -1) return i;
      i = (i + 1) & this.mask;
    }
  }

  get(key: number): number {
    const i = this.slot(key);
    return this.keys[i] === key ? (this.vals[i] as number) : -1;
  }

  /** Adds `delta` to the key's value (0 when new); returns true when the key is new. */
  add(key: number, delta: number): boolean {
    const i = this.slot(key);
    if (this.keys[i] === key) {
      this.vals[i] = (this.vals[i] as number) + delta;
      return false;
    }
    this.keys[i] = key;
    this.vals[i] = delta;
    if (++this.size * 2 > this.keys.length) this.grow();
    return true;
  }

  set(key: number, value: number): void {
    const i = this.slot(key);
    if (this.keys[i] !== key) {
      this.keys[i] = key;
      if (++this.size * 2 > this.keys.length) {
        this.vals[i] = value;
        this.grow();
        return;
      }
    }
    this.vals[i] = value;
  }

  /** Empties the table, keeping its capacity. */
  clear(): void {
    if (this.size === 0) return;
    this.keys.fill(-1);
    this.size = 0;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.keys = new Int32Array(oldKeys.length * 2).fill(-1);
    this.vals = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i] as number;
      if (k !== -1) this.set(k, oldVals[i] as number);
    }
  }
}
