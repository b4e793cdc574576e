import type { Facts, Predicate } from '../model/facts';

/** One `escalation.needApproval` condition, compiled. */
export interface CompiledApprovalPolicy {
  when: Predicate;
  description: string;
}

export interface ApprovalNeed {
  required: boolean;
  /** Why, for the approver: rule reasons first, then every policy that matched. */
  reasons: string[];
}

/** Whether the decision must wait for a person: a rule asked for it, or an approval policy matches. */
export function needsApproval(policies: CompiledApprovalPolicy[], facts: Facts, ruleReasons: string[]): ApprovalNeed {
  const reasons = [...ruleReasons];
  for (const p of policies) {
    if (!p.when(facts)) continue;
    const reason = `policy: ${p.description}`;
    if (!reasons.includes(reason)) reasons.push(reason);
  }
  return { required: reasons.length > 0, reasons };
}
