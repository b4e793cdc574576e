import { deliverToForge } from '../forge/outbound';
import type { Services } from '../services';
import {
  decide,
  type Escalation,
  getEscalation,
  getIdentityLink,
  getPairing,
  type IdentityLink,
  type Pairing,
} from '../store';
import { forgeEscalationId } from './ids';
import { closedMessage } from './present';

/** Who clicked, as Slack's signed interaction payload says. */
export interface Clicker {
  teamId: string;
  userId: string;
}

export type Refusal = 'not-found' | 'other-workspace' | 'not-linked' | 'requester' | 'not-approver';

export interface Authorized {
  escalation: Escalation;
  pairing: Pairing;
  link: IdentityLink;
}

export const REFUSAL_TEXT: Record<Refusal, string> = {
  'not-found': 'Switchboard no longer knows this escalation.',
  'other-workspace': 'This escalation belongs to another Slack workspace and can only be decided there.',
  'not-linked':
    'Link your Atlassian account first: type `/switchboard link`. The decision is made in Jira as you, so Switchboard needs to know who you are there.',
  requester: 'You asked for this escalation, so someone else has to decide it.',
  'not-approver':
    'You are not one of the approvers of this escalation, so Switchboard cannot take your decision. An approver named in the Switchboard configuration of this Jira site has to decide it.',
};

/**
 * DESIGN flow 2: a click counts only (a) from the workspace the escalation's Jira site is paired with, (b) by a
 * Slack user linked to an Atlassian account of that site, (c) who is not the requester and (d) is one of the
 * escalation's approvers (forge/proposed.ts; the fallback approvers join them later). Jira checks once more:
 * Forge answers the approval as that person. `requesterMayAct` lets the requester through (c) and (d), for
 * actions that decide nothing.
 */
export async function authorizeClick(
  s: Services,
  id: string,
  clicker: Clicker,
  o: { requesterMayAct?: boolean } = {},
): Promise<{ ok: true; value: Authorized } | { ok: false; refusal: Refusal }> {
  const q = s.db.pool;
  const escalation = await getEscalation(q, id);
  const pairing = escalation && (await getPairing(q, s.encryptionKey, escalation.tenant));
  if (!escalation || !pairing) return { ok: false, refusal: 'not-found' };
  if (pairing.teamId !== clicker.teamId) return { ok: false, refusal: 'other-workspace' };
  const link = await getIdentityLink(q, clicker.teamId, clicker.userId);
  if (!link || link.tenant !== escalation.tenant) return { ok: false, refusal: 'not-linked' };
  if (link.accountId === escalation.requesterAccountId) {
    if (!o.requesterMayAct) return { ok: false, refusal: 'requester' };
  } else if (!escalation.approvers.includes(link.accountId)) {
    return { ok: false, refusal: 'not-approver' };
  }
  return { ok: true, value: { escalation, pairing, link } };
}

export type Applied =
  | { outcome: 'applied' | 'not-found' }
  | { outcome: 'already-decided' | 'expired'; escalation: Escalation };

/**
 * One conditional UPDATE decides (store `decide`: the first decision wins). Only the winner sends the signed
 * decision to Forge (durably: forge/outbound.ts) and closes the message, both at once.
 */
export async function applyDecision(
  s: Services,
  a: Authorized,
  decision: 'approved' | 'declined',
  reason?: string,
): Promise<Applied> {
  const { escalation: e, pairing, link } = a;
  const result = await decide(s.db.pool, {
    id: e.id,
    decision,
    by: link.accountId,
    at: s.clock(),
    ...(reason ? { reason } : {}),
  });
  if (result.outcome === 'not-found') return { outcome: 'not-found' };
  if (result.outcome !== 'applied') return { outcome: result.outcome, escalation: result.escalation };
  const decided = result.escalation;
  const toForge = deliverToForge(s, {
    tenant: e.tenant,
    body: {
      kind: 'approval.decided',
      escalationId: forgeEscalationId(e.tenant, e.id),
      issueKey: e.issueKey,
      decision: decision === 'approved' ? 'approve' : 'decline',
      approverAccountId: link.accountId,
      ...(reason ? { reason } : {}),
    },
  });
  await Promise.all([toForge, closeMessage(s, pairing.teamId, decided)]);
  return { outcome: 'applied' };
}

/** The message shows the decision to everyone, without buttons. */
async function closeMessage(s: Services, teamId: string, e: Escalation): Promise<void> {
  if (!e.channelId || !e.messageTs) return;
  const message = await closedMessage(s.db.pool, teamId, e);
  if (!message) return;
  const client = await s.slack.client(teamId);
  await client.chat.update({ channel: e.channelId, ts: e.messageTs, ...message });
}
