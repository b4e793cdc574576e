import { describe, expect, it } from 'vitest';
import type { Classifier } from '../src/classify/classifier';
import { DEFAULT_CONFIG, loadConfig } from '../src/config';
import { DecisionSchema } from '../src/model/decision';
import { parseTicket, triage } from '../src/pipeline';
import { emptyPeopleState } from '../src/route';
import { SimilarityIndex } from '../src/similar';
import { ticketText } from '../src/text';

const engine = loadConfig(DEFAULT_CONFIG);
// Monday 2 March 2026, 09:20 in Warsaw: inside office hours.
const now = Date.parse('2026-03-02T08:20:00Z');

const vpn = parseTicket({
  key: 'SUP-1',
  summary: 'VPN down for the whole Warsaw office',
  description: 'nobody can connect since 9:00',
  created: '2026-03-02T08:05:00Z',
});

describe('triage', () => {
  it('composes classification, priority, team, assignee, SLA and approval into one valid, explained decision', () => {
    const d = triage(vpn, { engine, now });
    expect(() => DecisionSchema.parse(d)).not.toThrow();
    expect(d.classification).toMatchObject({ label: 'network', source: 'rule', autoApply: true });
    expect(d.priority).toMatchObject({ level: 'P1', impact: 'high', urgency: 'high' });
    expect(d.priority.factors.map((f) => f.kind)).toContain('cue');
    expect(d.team).toMatchObject({ name: 'network', isDefault: false });
    expect(d.assignee.strategy).toBe('least-loaded');
    expect(d.assignee.id).not.toBeNull();
    expect(d.sla.calendar).toBe('warsaw-office');
    const first = d.sla.clocks.find((c) => c.metric === 'firstResponse');
    // Created 09:05 Warsaw, 30 business minutes -> 09:35 Warsaw = 08:35Z.
    expect(first?.dueAt).toBe('2026-03-02T08:35:00.000Z');
    expect(d.needsApproval.required).toBe(true);
    expect(d.versions).toMatchObject({ configSchema: 1, config: engine.hash, model: null });
    const text = d.explanation.join('\n');
    expect(text).toMatch(/Priority P1/);
    expect(text).toMatch(/Team network/);
    expect(text).toMatch(/first response \(30m\) due 2026-03-02T08:35:00.000Z/);
    expect(text).toMatch(/Needs approval/);
  });

  it('is deterministic', () => {
    expect(triage(vpn, { engine, now })).toEqual(triage(vpn, { engine, now }));
  });

  it('sends a ticket it cannot place to the default team and says why', () => {
    const d = triage(parseTicket({ summary: 'Question about the canteen', description: 'Is it open on Friday?' }), {
      engine,
      now,
    });
    expect(d.classification).toMatchObject({ label: null, source: 'none' });
    expect(d.team.isDefault).toBe(true);
    expect(d.team.name).toBe('service-desk');
    expect(d.team.reason).toMatch(/no route matched/);
  });

  it('only suggests a model label below the auto-apply threshold, and applies it above', () => {
    const model = (confidence: number): Classifier => ({
      version: 'test-model-1',
      predict: () => [
        { label: 'hardware', confidence },
        { label: 'software', confidence: 1 - confidence },
      ],
    });
    const ticket = parseTicket({ summary: 'Screen flickers', description: 'since this morning' });
    const low = triage(ticket, { engine, now, classifier: model(0.6) });
    expect(low.classification).toMatchObject({ label: 'hardware', source: 'model', autoApply: false });
    expect(low.explanation.join(' ')).toMatch(/suggested only/);
    expect(low.versions.model).toBe('test-model-1');
    const high = triage(ticket, { engine, now, classifier: model(0.9) });
    expect(high.classification.autoApply).toBe(true);
  });

  it('never assigns an absent person', () => {
    const people = emptyPeopleState();
    for (const id of ['example-ola', 'example-piotr'])
      people.absences[id] = [{ from: now - 3_600_000, to: now + 3_600_000 }];
    const d = triage(vpn, { engine, now, people });
    expect(d.assignee.id).toBe('example-anna');
    people.absences['example-anna'] = [{ from: now - 1, to: now + 1 }];
    const nobody = triage(vpn, { engine, now, people });
    expect(nobody.assignee.id).toBeNull();
    expect(nobody.team.name).toBe('network');
    expect(nobody.explanation.join(' ')).toMatch(/No assignee/);
  });

  it('lists near-duplicates from the history, never the ticket itself', () => {
    const history = new SimilarityIndex();
    const add = (key: string, summary: string, description: string, created: string) =>
      history.add({ key, summary, text: ticketText({ summary, description }).all, created: Date.parse(created) });
    add('SUP-0', 'VPN down in the Warsaw office', 'nobody can connect to vpn', '2026-03-02T07:50:00Z');
    add('SUP-9', 'Printer out of toner', 'third floor printer', '2026-03-01T07:50:00Z');
    add('SUP-1', 'VPN down for the whole Warsaw office', 'nobody can connect since 9:00', '2026-03-02T08:05:00Z');
    const d = triage(vpn, { engine, now, history });
    expect(d.duplicates.candidates.map((c) => c.key)).toEqual(['SUP-0']);
    expect(d.explanation.join(' ')).toMatch(/Possible duplicates: SUP-0/);
  });

  it('reads Atlassian Document Format descriptions', () => {
    const d = triage(
      parseTicket({
        summary: 'Laptop problem',
        description: {
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The whole office cannot print, outage' }] }],
        },
      }),
      { engine, now },
    );
    expect(d.priority.level).toBe('P1');
    expect(d.classification.label).toBe('hardware');
  });

  it('triages Polish, Russian and Chinese tickets', () => {
    const pl = triage(parseTicket({ summary: 'Awaria drukarki', description: 'Drukarka nie działa od rana.' }), {
      engine,
      now,
    });
    expect(pl.language).toBe('pl');
    expect(pl.priority.urgency).toBe('high');
    const ru = triage(parseTicket({ summary: 'Не работает VPN', description: 'Все пользователи без доступа' }), {
      engine,
      now,
    });
    expect(ru.language).toBe('ru');
    expect(ru.priority.level).toBe('P1');
    const zh = triage(parseTicket({ summary: '无法登录邮箱', description: '输入密码后一直提示错误' }), { engine, now });
    expect(zh.language).toBe('zh');
    expect(zh.team.name).toBe('identity');
    expect(zh.priority.urgency).toBe('high');
  });
});

describe('parseTicket', () => {
  it('names the path of what is wrong', () => {
    expect(() => parseTicket({ summary: 42 })).toThrow(/summary/);
    expect(() => parseTicket({ summary: '  ' })).toThrow(/summary must not be empty/);
    expect(() => parseTicket({ summary: 'x', created: 'yesterday' })).toThrow(/created/);
  });
});
