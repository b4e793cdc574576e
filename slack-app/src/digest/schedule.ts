import type { JobData, Jobs } from '../store';

/** When the daily digest goes out: a cron expression (five fields) read in an IANA time zone. */
export interface DigestSchedule {
  cron: string;
  timeZone: string;
}

/** 09:00 on weekdays, UTC, unless SWITCHBOARD_DIGEST_CRON / SWITCHBOARD_DIGEST_TZ say otherwise (config.ts). */
export const DEFAULT_DIGEST: DigestSchedule = { cron: '0 9 * * 1-5', timeZone: 'UTC' };

/**
 * Declares the digest's schedule in pg-boss (one row, shared by every instance, so the digest goes out once) and
 * works its queue; 'off' removes a schedule an earlier start declared, which would otherwise go on sending jobs.
 */
export async function startDigest(
  jobs: Jobs,
  digest: DigestSchedule | 'off',
  handler: (data: JobData<'daily-digest'>) => Promise<void>,
): Promise<void> {
  if (digest === 'off') {
    await jobs.unschedule('daily-digest');
    return;
  }
  await jobs.work('daily-digest', handler);
  await jobs.schedule('daily-digest', digest.cron, digest.timeZone);
}
