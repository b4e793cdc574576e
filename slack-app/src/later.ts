/**
 * pg-boss compares `startAfter` with the database's clock, which runs in real time; the injected clock (tests)
 * only decides what is due once a job runs. So a job's delay is measured from the real now.
 */
export const startAfter = (delayMs: number): Date => new Date(Date.now() + Math.max(0, delayMs));
