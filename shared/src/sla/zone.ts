import { IANAZone } from 'luxon';

/**
 * UTC offsets of one IANA zone as constant-offset pieces of the timeline. Business-time arithmetic needs zone
 * math only to find where the offset changes: inside a piece, local wall-clock time is the instant plus a fixed
 * offset, so working intervals follow by plain arithmetic. Offsets come from Intl (through luxon), which is slow
 * (about a microsecond a call), so transitions are found once per week of timeline and cached.
 */
export interface OffsetPiece {
  /** Offset in ms (local = instant + offset). */
  readonly offset: number;
  /** First instant after the piece (the next transition), exclusive. */
  readonly end: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHUNK = 7 * DAY;
/** Samples per chunk. Real zones never change offset twice within a day, so daily samples catch every change. */
const SAMPLE = DAY;
/** How far ahead a piece's end is looked for: long pieces let callers skip whole weeks. */
const LOOKAHEAD_CHUNKS = 26;
/** Bounds memory if a caller sweeps centuries: 20,000 chunks is about 380 years of timeline. */
const MAX_CHUNKS = 20_000;

interface Chunk {
  /** Offset at the chunk's first instant. */
  readonly startOffset: number;
  /** Transitions inside the chunk, ascending: instant of change and the offset from then on. */
  readonly at: number[];
  readonly offsets: number[];
  /** Memo of tailEnd(). */
  tailEnd?: number;
}

export class ZoneOffsets {
  private readonly zone: IANAZone;
  private readonly chunks = new Map<number, Chunk>();
  /** Zones like UTC or Etc/GMT-5 never change; skip all sampling for them. */
  private readonly fixed: number | null;
  /** Callers walk forward through the same piece again and again; remember the last one. */
  private last: (OffsetPiece & { readonly start: number }) | null = null;

  constructor(readonly tz: string) {
    if (!IANAZone.isValidZone(tz)) throw new RangeError(`unknown IANA time zone "${tz}"`);
    this.zone = IANAZone.create(tz);
    const upper = tz.toUpperCase();
    this.fixed = upper === 'UTC' || upper === 'ETC/UTC' || upper === 'GMT' || upper === 'ETC/GMT' ? 0 : null;
  }

  /** The constant-offset piece containing `t` (its end may be cut at the look-ahead horizon). */
  pieceAt(t: number): OffsetPiece {
    if (this.fixed !== null) return { offset: this.fixed, end: Number.POSITIVE_INFINITY };
    const last = this.last;
    if (last !== null && t >= last.start && t < last.end) return last;
    const idx = Math.floor(t / CHUNK);
    const chunk = this.chunk(idx);
    let offset = chunk.startOffset;
    let start = idx * CHUNK;
    let i = 0;
    while (i < chunk.at.length && (chunk.at[i] as number) <= t) {
      offset = chunk.offsets[i] as number;
      start = chunk.at[i] as number;
      i++;
    }
    const end = i < chunk.at.length ? (chunk.at[i] as number) : this.tailEnd(idx, chunk);
    const piece = { start, offset, end };
    this.last = piece;
    return piece;
  }

  /** End of the piece running at the end of chunk `idx`: the next change within the look-ahead horizon. */
  private tailEnd(idx: number, chunk: Chunk): number {
    if (chunk.tailEnd !== undefined) return chunk.tailEnd;
    const offset = chunk.offsets[chunk.offsets.length - 1] ?? chunk.startOffset;
    let end = (idx + LOOKAHEAD_CHUNKS + 1) * CHUNK;
    for (let k = 1; k <= LOOKAHEAD_CHUNKS; k++) {
      const next = this.chunk(idx + k);
      if (next.startOffset !== offset) {
        end = (idx + k) * CHUNK;
        break;
      }
      const first = next.at[0];
      if (first !== undefined) {
        end = first;
        break;
      }
    }
    chunk.tailEnd = end;
    return end;
  }

  private raw(t: number): number {
    return this.zone.offset(t) * 60_000;
  }

  private chunk(idx: number): Chunk {
    const hit = this.chunks.get(idx);
    if (hit) return hit;
    if (this.chunks.size >= MAX_CHUNKS) {
      this.chunks.clear();
      this.last = null;
    }
    const start = idx * CHUNK;
    const startOffset = this.raw(start);
    const at: number[] = [];
    const offsets: number[] = [];
    let prevT = start;
    let prevOff = startOffset;
    for (let s = start + SAMPLE; s <= start + CHUNK; s += SAMPLE) {
      const off = this.raw(s);
      if (off !== prevOff) {
        const change = this.findChange(prevT, prevOff, s);
        // A change exactly at the chunk's end belongs to the next chunk (it is that chunk's start offset).
        if (change < start + CHUNK) {
          at.push(change);
          offsets.push(off);
        }
      }
      prevT = s;
      prevOff = off;
    }
    const chunk: Chunk = { startOffset, at, offsets };
    this.chunks.set(idx, chunk);
    return chunk;
  }

  /** First whole second in (lo, hi] whose offset differs from `loOff` (tz transitions fall on whole seconds). */
  private findChange(lo: number, loOff: number, hi: number): number {
    let a = lo;
    let b = hi;
    while (b - a > 1000) {
      const mid = a + Math.floor((b - a) / 2000) * 1000;
      if (this.raw(mid) === loOff) a = mid;
      else b = mid;
    }
    return b;
  }
}

const zones = new Map<string, ZoneOffsets>();

/** One shared offset cache per zone name: calendars in the same zone reuse each other's work. */
export function zoneOffsets(tz: string): ZoneOffsets {
  let z = zones.get(tz);
  if (!z) {
    z = new ZoneOffsets(tz);
    zones.set(tz, z);
  }
  return z;
}
