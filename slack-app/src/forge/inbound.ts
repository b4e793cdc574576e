import { link } from '@switchboard/shared';
import { errorFields } from '../log';
import type { Services } from '../services';
import { forgetSeen, getPairing, markSeen } from '../store';
import { onAssignment } from './assignment';
import { onDecisionAnswer } from './decision-answer';
import { ForgeEventSchema, issuePaths } from './events';
import { onIdentityLink } from './identity-link';
import { NoAlertChannelError } from './no-channel';
import { onPairingEnded } from './pairing-ended';
import { onEscalationProposed } from './proposed';
import { onEscalationRefused } from './refused';
import { onRequestAnswered } from './request-answer';
import { onSlaAtRisk } from './sla-at-risk';
import { onRequestUrgent } from './urgent';

export interface ForgeRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
}

export interface ForgeResponse {
  status: number;
  body: Record<string, unknown>;
}

const header = (req: ForgeRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * POST /forge/events. Nothing is read before the tenant's pairing secret verifies the signature (5 minutes
 * either way) and the signature is new (replay); then the event id is claimed, so an at-least-once redelivery
 * does nothing. When handling fails the claim is given back and the answer is an error, so Forge's retry is
 * handled instead of dropped.
 */
export async function handleForgeEvent(s: Services, req: ForgeRequest): Promise<ForgeResponse> {
  const tenant = header(req, link.HEADERS.tenant);
  if (!tenant) return { status: 401, body: { error: 'missing tenant' } };
  const q = s.db.pool;
  const pairing = await getPairing(q, s.encryptionKey, tenant);
  if (!pairing) {
    s.log('forge-refused', { reason: 'unknown tenant' });
    return { status: 403, body: { error: 'not paired' } };
  }
  const signature = header(req, link.HEADERS.signature);
  const checked = link.verify({
    secret: pairing.secret,
    timestamp: header(req, link.HEADERS.timestamp),
    signature,
    rawBody: req.rawBody,
    nowMs: s.clock(),
  });
  if (!checked.ok) {
    s.log('forge-refused', { tenant, reason: checked.reason });
    return { status: 401, body: { error: `signature ${checked.reason}` } };
  }
  if (!(await markSeen(q, `forge-signature:${signature}`, s.clock()))) {
    s.log('forge-refused', { tenant, reason: 'replay' });
    return { status: 401, body: { error: 'replayed request' } };
  }
  let json: unknown;
  try {
    json = JSON.parse(req.rawBody);
  } catch {
    return { status: 400, body: { error: 'body is not JSON' } };
  }
  const parsed = ForgeEventSchema.safeParse(json);
  if (!parsed.success) {
    s.log('forge-invalid', { tenant, problems: issuePaths(parsed.error) });
    return { status: 400, body: { error: 'invalid event', problems: issuePaths(parsed.error) } };
  }
  const event = parsed.data;
  if (event.tenant !== tenant) {
    s.log('forge-refused', { tenant, reason: 'tenant mismatch' });
    return { status: 403, body: { error: 'wrong tenant' } };
  }
  // Answered in the response, not by a claimed event id: the Jira page waits for the answer, a spent token makes a
  // second redemption a harmless 410, and a claim would turn a retry into "ok" without linking anyone.
  if (event.kind === 'identity.link') return onIdentityLink(s, pairing, event);
  // Idempotent: once the pairing is gone, a redelivery is refused above as "not paired".
  if (event.kind === 'pairing.ended') return onPairingEnded(s, pairing);
  const seenKey = `forge-event:${tenant}:${event.id}`;
  if (!(await markSeen(q, seenKey, s.clock()))) return { status: 200, body: { ok: true, duplicate: true } };
  try {
    if (event.kind === 'escalation.proposed') await onEscalationProposed(s, pairing, event);
    else if (event.kind === 'sla.at_risk') await onSlaAtRisk(s, pairing, event);
    else if (event.kind === 'decision.answer') await onDecisionAnswer(s, pairing, event);
    else if (event.kind === 'assignment') await onAssignment(s, pairing, event);
    else if (event.kind === 'request.urgent') await onRequestUrgent(s, pairing, event);
    else if (event.kind === 'request.created' || event.kind === 'request.failed')
      await onRequestAnswered(s, pairing, event);
    else await onEscalationRefused(s, pairing, event);
    return { status: 200, body: { ok: true } };
  } catch (err) {
    await forgetSeen(q, seenKey);
    if (err instanceof NoAlertChannelError) return { status: 409, body: { error: 'no alert channel chosen' } };
    s.log('forge-event-failed', { tenant, kind: event.kind, ...errorFields(err) });
    return { status: 502, body: { error: 'could not deliver to Slack' } };
  }
}
