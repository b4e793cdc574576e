/**
 * The escalation approval as a pure state machine. The Slack service persists the state and feeds it clicks
 * and clock ticks; because every transition is a function of (state, event), duplicated or concurrent clicks
 * resolve the same way wherever they are replayed: the first decision wins (DESIGN §2.2, §4).
 */

export type ApprovalStatus = 'pending' | 'approved' | 'declined' | 'expired';

export interface ApprovalState {
  id: string;
  ticketKey: string;
  /** accountId of whoever asked for the escalation; never allowed to decide it. */
  requesterId: string;
  /** accountIds allowed to decide. */
  approvers: string[];
  status: ApprovalStatus;
  createdAt: number;
  expiresAt: number;
  decidedBy?: string;
  decidedAt?: number;
  reason?: string;
  remindedAt?: number;
  fallbackNotifiedAt?: number;
}

export interface NewApproval {
  id: string;
  ticketKey: string;
  requesterId: string;
  approvers: string[];
  /** Epoch ms. */
  at: number;
  /** `escalation.expireAfter` in minutes. */
  expireAfterMin: number;
}

const MINUTE_MS = 60_000;

/**
 * Starts a pending approval. Throws RangeError when nobody but the requester could ever decide it: such a
 * request would sit until it expired, and the caller should route it to the fallback approvers instead.
 */
export function createApproval(input: NewApproval): ApprovalState {
  const approvers = [...new Set(input.approvers)];
  if (!approvers.some((a) => a !== input.requesterId)) {
    throw new RangeError('an approval needs at least one approver other than the requester');
  }
  if (!(input.expireAfterMin > 0)) throw new RangeError('expireAfterMin must be positive');
  return {
    id: input.id,
    ticketKey: input.ticketKey,
    requesterId: input.requesterId,
    approvers,
    status: 'pending',
    createdAt: input.at,
    expiresAt: input.at + input.expireAfterMin * MINUTE_MS,
  };
}

export const isTerminal = (s: ApprovalState): boolean => s.status !== 'pending';

export interface DecideEvent {
  by: string;
  decision: 'approve' | 'decline';
  reason?: string;
  at: number;
}

export type DecideOutcome =
  | 'applied'
  | 'already-decided'
  | 'not-an-approver'
  | 'requester-cannot-approve'
  | 'expired'
  /** A decline without a reason; the state is unchanged and the approver is asked again. */
  | 'reason-required';

/**
 * Applies one click. Anything but 'applied' (and the move to 'expired' when a click arrives late) leaves the
 * state as it was, returning the same object.
 */
export function decide(state: ApprovalState, ev: DecideEvent): { state: ApprovalState; outcome: DecideOutcome } {
  if (state.status === 'expired') return { state, outcome: 'expired' };
  if (state.status !== 'pending') return { state, outcome: 'already-decided' };
  if (ev.at >= state.expiresAt) return { state: { ...state, status: 'expired' }, outcome: 'expired' };
  if (ev.by === state.requesterId) return { state, outcome: 'requester-cannot-approve' };
  if (!state.approvers.includes(ev.by)) return { state, outcome: 'not-an-approver' };
  const reason = ev.reason?.trim();
  if (ev.decision === 'decline' && !reason) return { state, outcome: 'reason-required' };
  const next: ApprovalState = {
    ...state,
    status: ev.decision === 'approve' ? 'approved' : 'declined',
    decidedBy: ev.by,
    decidedAt: ev.at,
  };
  if (reason) next.reason = reason;
  return { state: next, outcome: 'applied' };
}

export type TickDue = 'remind' | 'fallback' | 'expire';

export interface ApprovalTiming {
  /** `escalation.remindAfter` in minutes: remind the approvers once. */
  remindAfterMin: number;
  /** `escalation.fallbackAfter` in minutes: notify the fallback approvers once. */
  fallbackAfterMin: number;
}

/**
 * Advances the clock: says which scheduled actions are due now, each at most once per approval, and records
 * that they were. A pending approval past `expiresAt` expires (and gets no late reminders). Terminal states
 * never change.
 */
export function tick(
  state: ApprovalState,
  at: number,
  timing: ApprovalTiming,
): { state: ApprovalState; due: TickDue[] } {
  if (state.status !== 'pending') return { state, due: [] };
  if (at >= state.expiresAt) return { state: { ...state, status: 'expired' }, due: ['expire'] };
  const due: TickDue[] = [];
  let next = state;
  if (state.remindedAt === undefined && at >= state.createdAt + timing.remindAfterMin * MINUTE_MS) {
    next = { ...next, remindedAt: at };
    due.push('remind');
  }
  if (state.fallbackNotifiedAt === undefined && at >= state.createdAt + timing.fallbackAfterMin * MINUTE_MS) {
    next = { ...next, fallbackNotifiedAt: at };
    due.push('fallback');
  }
  return { state: next, due };
}
