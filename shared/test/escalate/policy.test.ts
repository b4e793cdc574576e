import { describe, expect, it } from 'vitest';
import { type CompiledApprovalPolicy, needsApproval } from '../../src/escalate';
import type { Facts } from '../../src/model/facts';
import { TicketSchema } from '../../src/model/ticket';

const facts = (priority: Facts['priority'], actions: string[] = []): Facts => ({
  ticket: TicketSchema.parse({ summary: 'x' }),
  text: { summary: 'x', description: '', all: 'x' },
  language: 'en',
  at: 0,
  category: null,
  priority,
  team: null,
  actions,
});

const policies: CompiledApprovalPolicy[] = [
  { when: (f) => f.priority === 'P1', description: 'priority is P1' },
  { when: (f) => f.actions.includes('engineering'), description: 'action engineering requested' },
];

describe('needsApproval', () => {
  it('is not required when nothing asks for it', () => {
    expect(needsApproval(policies, facts('P3'), [])).toEqual({ required: false, reasons: [] });
    expect(needsApproval([], facts('P1'), [])).toEqual({ required: false, reasons: [] });
  });

  it('collects every matching policy after the rule reasons', () => {
    expect(needsApproval(policies, facts('P1', ['engineering']), ['rule "x" requires approval'])).toEqual({
      required: true,
      reasons: ['rule "x" requires approval', 'policy: priority is P1', 'policy: action engineering requested'],
    });
  });

  it('is required by a rule alone', () => {
    expect(needsApproval(policies, facts('P4'), ['because'])).toEqual({ required: true, reasons: ['because'] });
  });
});
