import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { type DecisionAnswerView, decisionMessage, decisionNotFoundMessage } from '../src/blocks/decision';
import { SECTION_FIELD_LIMIT, SECTION_TEXT_LIMIT } from '../src/blocks/limits';
import { assignmentMessage, urgentMessage } from '../src/blocks/request-notices';

/** https://api.slack.com/reference/block-kit/blocks#section: at most 10 fields. */
const SECTION_FIELDS_MAX = 10;

function withinLimits(blocks: types.KnownBlock[]) {
  for (const block of blocks) {
    if (block.type !== 'section') continue;
    expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
    expect(block.fields?.length ?? 0).toBeLessThanOrEqual(SECTION_FIELDS_MAX);
    for (const f of block.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SECTION_FIELD_LIMIT);
  }
}

const huge = '<!channel>'.repeat(1_000);

describe('blocks of /switchboard KEY and of the notices after triage', () => {
  it('keeps a decision with the largest values Forge may send within Block Kit limits, escaped', () => {
    const view: DecisionAnswerView = {
      priority: huge.slice(0, 200),
      team: huge.slice(0, 200),
      assignee: huge.slice(0, 200),
      category: huge.slice(0, 200),
      confidence: 1,
      source: 'rule',
      applied: false,
      needsApproval: true,
      explanation: Array.from({ length: 20 }, () => huge.slice(0, 500)),
      decidedAt: '2026-01-05T09:00:00.000Z',
    };
    const message = decisionMessage('OPS-1', view);
    withinLimits(message.blocks);
    expect(JSON.stringify(message)).not.toContain('<!channel>');
    expect(JSON.stringify(message)).toContain('suggested only');
    expect(JSON.stringify(message)).toContain('Needs approval');
  });

  it('"not found" names the key asked and every reason at once, so it tells nothing about the request', () => {
    const { text } = decisionNotFoundMessage('OPS-2');
    expect(text).toContain('*OPS-2*');
    expect(text).toContain('does not exist');
    expect(text).toContain('you may not see it');
  });

  it('keeps assignment and urgent notices with huge summaries within limits, escaped', () => {
    const request = { issueKey: 'OPS-3', summary: huge, priority: huge.slice(0, 200), team: huge.slice(0, 200) };
    for (const message of [assignmentMessage(request), urgentMessage({ ...request, assignee: huge.slice(0, 200) })]) {
      withinLimits(message.blocks);
      expect(JSON.stringify(message)).not.toContain('<!channel>');
    }
    expect(JSON.stringify(urgentMessage({ ...request, applied: false }))).toContain('(suggested)');
  });
});
