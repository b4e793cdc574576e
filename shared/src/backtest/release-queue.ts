/** Min-heap of (time, accountId): assignments to release when their ticket was resolved. */
export class ReleaseQueue {
  private readonly at: number[] = [];
  private readonly ids: string[] = [];

  get size(): number {
    return this.at.length;
  }

  push(time: number, id: string): void {
    const { at, ids } = this;
    let i = at.length;
    at.push(time);
    ids.push(id);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((at[p] as number) <= time) break;
      at[i] = at[p] as number;
      ids[i] = ids[p] as string;
      i = p;
    }
    at[i] = time;
    ids[i] = id;
  }

  /** Removes and returns every id due at or before `time`, earliest first. */
  popUntil(time: number): string[] {
    const out: string[] = [];
    while (this.at.length > 0 && (this.at[0] as number) <= time) out.push(this.pop());
    return out;
  }

  private pop(): string {
    const { at, ids } = this;
    const top = ids[0] as string;
    const lastAt = at.pop() as number;
    const lastId = ids.pop() as string;
    const n = at.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (at[r] as number) < (at[l] as number) ? r : l;
      if ((at[c] as number) >= lastAt) break;
      at[i] = at[c] as number;
      ids[i] = ids[c] as string;
      i = c;
    }
    at[i] = lastAt;
    ids[i] = lastId;
    return top;
  }
}
