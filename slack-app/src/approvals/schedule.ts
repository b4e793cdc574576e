import { startAfter } from '../later';
import type { Services } from '../services';
import { type Escalation, expireEscalation, getEscalation, getPairing } from '../store';
import { closedMessage } from './present';

/**
 * The database clock and ours may differ a little; a reminder this close to its time is due, one further away
 * was pushed back by a snooze and has a job of its own.
 */
export const DUE_TOLERANCE_MS = 60_000;

export const isOpen = (e: Escalation): boolean => e.status === 'pending' || e.status === 'snoozed';

export async function scheduleReminder(s: Services, escalationId: string, delayMs: number): Promise<void> {
  await s.jobs.send('escalation-reminder', { escalationId }, { startAfter: startAfter(delayMs) });
}

/** The reminder, the fallback (when there are fallback approvers) and the expiry of a new escalation. */
export async function scheduleEscalationJobs(s: Services, e: Escalation): Promise<void> {
  const now = s.clock();
  if (e.remindAt !== undefined) await scheduleReminder(s, e.id, e.remindAt - now);
  if (e.fallbackAt !== undefined) {
    await s.jobs.send('escalation-fallback', { escalationId: e.id }, { startAfter: startAfter(e.fallbackAt - now) });
  }
  await s.jobs.send('escalation-expiry', { escalationId: e.id }, { startAfter: startAfter(e.expiresAt - now) });
}

/** `escalation-reminder`: a reply in the message's thread, if it is still open and not snoozed past now. */
export async function remind(s: Services, escalationId: string): Promise<void> {
  const e = await getEscalation(s.db.pool, escalationId);
  if (!e || !isOpen(e) || !e.channelId || !e.messageTs) return;
  if (e.remindAt !== undefined && e.remindAt > s.clock() + DUE_TOLERANCE_MS) return;
  const pairing = await getPairing(s.db.pool, s.encryptionKey, e.tenant);
  if (!pairing) return;
  const client = await s.slack.client(pairing.teamId);
  await client.chat.postMessage({
    channel: e.channelId,
    thread_ts: e.messageTs,
    text: 'Reminder: this escalation is still waiting for a decision.',
  });
}

/**
 * `escalation-expiry`: closes an escalation nobody decided. Not yet due by our clock while still open means the
 * clocks disagree; throwing lets pg-boss retry it later.
 */
export async function expire(s: Services, escalationId: string): Promise<void> {
  const expired = await expireEscalation(s.db.pool, escalationId, s.clock());
  if (!expired) {
    const current = await getEscalation(s.db.pool, escalationId);
    if (current && isOpen(current)) throw new Error(`escalation ${escalationId} is not due to expire yet`);
    return;
  }
  const pairing = await getPairing(s.db.pool, s.encryptionKey, expired.tenant);
  if (!pairing || !expired.channelId || !expired.messageTs) return;
  const message = await closedMessage(s.db.pool, pairing.teamId, expired);
  const client = await s.slack.client(pairing.teamId);
  if (message) await client.chat.update({ channel: expired.channelId, ts: expired.messageTs, ...message });
}
