export {
  type ApprovalState,
  type ApprovalStatus,
  type ApprovalTiming,
  createApproval,
  type DecideEvent,
  type DecideOutcome,
  decide,
  isTerminal,
  type NewApproval,
  type TickDue,
  tick,
} from './approval';
export { type ApprovalNeed, type CompiledApprovalPolicy, needsApproval } from './policy';
export { type EscalationTiming, escalationTiming } from './timing';
