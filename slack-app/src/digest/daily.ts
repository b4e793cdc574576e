import { DIGEST_LIST_SIZE, digestMessage } from '../blocks/digest';
import { errorFields } from '../log';
import type { Services } from '../services';
import {
  type AlertChannel,
  countAtRisk,
  countEscalations,
  countIntakeCreated,
  forgetSeen,
  listAlertChannels,
  listOpenEscalations,
  markSeen,
} from '../store';

/** The window the digest counts, ending when the job runs. */
export const DIGEST_WINDOW_MS = 24 * 60 * 60_000;

/** The calendar day of `at` in `timeZone`, e.g. 2026-01-05: a site gets at most one digest per such day. */
export function digestDay(at: number, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export class DigestFailedError extends Error {
  constructor(readonly failed: number) {
    super(`${failed} daily digest(s) could not be posted`);
    this.name = 'DigestFailedError';
  }
}

/**
 * The `daily-digest` job: one message per paired site with an alert channel. Each site's day is claimed in
 * events_seen before posting, so a retried or doubled job posts nothing twice; a site whose post fails gives its
 * claim back and the job fails at the end, after the other sites, so pg-boss's retry covers just that site.
 */
export async function runDailyDigest(s: Services, timeZone: string): Promise<{ posted: number }> {
  const q = s.db.pool;
  const now = s.clock();
  const day = digestDay(now, timeZone);
  let posted = 0;
  let failed = 0;
  for (const site of await listAlertChannels(q)) {
    const key = `digest:${site.tenant}:${day}`;
    if (!(await markSeen(q, key, now))) continue;
    try {
      await postDigest(s, site, now);
      posted++;
    } catch (err) {
      await forgetSeen(q, key);
      s.log('digest-failed', { tenant: site.tenant, ...errorFields(err) });
      failed++;
    }
  }
  if (failed > 0) throw new DigestFailedError(failed);
  return { posted };
}

async function postDigest(s: Services, site: AlertChannel, now: number): Promise<void> {
  const q = s.db.pool;
  const from = now - DIGEST_WINDOW_MS;
  const waiting = await listOpenEscalations(q, site.tenant, DIGEST_LIST_SIZE);
  const message = digestMessage({
    from,
    to: now,
    escalations: await countEscalations(q, site.tenant, from, now),
    sla: await countAtRisk(q, site.tenant, from, now),
    fromSlack: await countIntakeCreated(q, site.tenant, from, now),
    waiting: waiting.map((e) => ({ issueKey: e.issueKey, createdAt: e.createdAt })),
    atRisk: await s.atRisk.list(site.tenant, now, DIGEST_LIST_SIZE),
  });
  const client = await s.slack.client(site.teamId);
  await client.chat.postMessage({ channel: site.channelId, ...message });
}
