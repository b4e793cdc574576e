import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposedMessage } from '../src/blocks/escalation';
import { escapeText, escapeWithin } from '../src/blocks/escape';
import { SECTION_FIELD_LIMIT, SECTION_TEXT_LIMIT } from '../src/blocks/limits';

const fromEntities = (s: string) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

describe('escaping ticket text for Slack', () => {
  it('turns the three control characters into entities', () => {
    expect(escapeText('<!channel> & <@U123> <http://evil.example|bank.com>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;http://evil.example|bank.com&gt;',
    );
    // Already-escaped text is escaped again: it is shown as typed.
    expect(escapeText('&lt;')).toBe('&amp;lt;');
  });

  it('cuts to the limit without splitting an entity, and leaves no raw < or >', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '<', '>', '&', ' ', 'é') }),
        fc.integer({ min: 2, max: 60 }),
        (text, max) => {
          const out = escapeWithin(text, max);
          expect(out.length).toBeLessThanOrEqual(max);
          expect(out).not.toMatch(/[<>]/);
          expect(out).not.toMatch(/&(?!(amp|lt|gt);)/);
          const kept = out.endsWith('…') ? fromEntities(out.slice(0, -1)) : fromEntities(out);
          expect(text.startsWith(kept)).toBe(true);
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });

  it('keeps a proposal with huge ticket text within Block Kit limits', () => {
    const huge = '<!channel>'.repeat(1_000);
    const message = proposedMessage({
      escalationId: 'site/esc-1',
      issueKey: 'OPS-1',
      summary: huge,
      reasons: [huge, huge],
      priority: huge,
      team: huge,
    });
    for (const block of message.blocks) {
      if (block.type !== 'section') continue;
      expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
      for (const f of block.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SECTION_FIELD_LIMIT);
    }
    expect(JSON.stringify(message)).not.toContain('<!channel>');
  });
});
