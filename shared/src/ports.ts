/**
 * Ports: what the apps implement so the core never reaches for I/O itself (DESIGN §1, §6.1).
 * Only the ports the current code uses are declared; the Jira adapter, notifier and queue join them as the
 * apps are built.
 */

/** Injected time, so tests and backtests control "now". */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Small JSON documents by key (round-robin cursors, models, dedupe keys). One tenant per instance. */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
}
