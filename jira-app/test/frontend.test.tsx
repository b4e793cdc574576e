/**
 * The UI Kit surfaces rendered by the real @forge/react reconciler, with the Forge host faked at its one edge
 * (forge-host.ts says where and why).
 */
await vi.hoisted(() => import('./forge-host'));

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../src/frontend/call';
import { AdminPage } from '../src/frontend/components/admin/admin-page';
import { BacktestTab } from '../src/frontend/components/admin/backtest-tab';
import { ConfigTab } from '../src/frontend/components/admin/config-tab';
import { SlackTab } from '../src/frontend/components/admin/slack-tab';
import { IssuePanel } from '../src/frontend/components/panel/issue-panel';
import { readOverrides } from '../src/frontend/components/project/overrides-form';
import { ProjectSettingsPage } from '../src/frontend/components/project/project-settings-page';
import { selectedValue } from '../src/frontend/components/select-value';
import { formatWhen, percent, progressFraction, type SlaClock, slaState } from '../src/frontend/format';
import { POLL_INTERVAL_MS } from '../src/frontend/use-resolver';
import type { DecisionView, PanelView } from '../src/resolvers/api';
import { byId, click, fake, fire, host, invoked, ofType, one, render, settle, strings, text, type } from './forge-ui';

const clock = (over: Partial<SlaClock>): SlaClock => ({
  metric: 'resolution',
  target: '8h',
  dueAt: '2026-03-02T16:00:00Z',
  atRisk: false,
  breached: false,
  paused: false,
  ...over,
});
const decision: DecisionView = {
  applied: false,
  decidedAt: '2026-03-02T08:06:00Z',
  category: { label: 'network', confidence: 0.873, source: 'model' },
  priority: { level: 'P1', impact: 'high', urgency: 'high' },
  team: { name: 'network', isDefault: false, reason: 'Rule "vpn" matched "VPN down".' },
  assignee: { name: 'Ana Nowak', reason: 'Least loaded of network on shift.' },
  sla: [
    clock({ metric: 'firstResponse', target: '30m', dueAt: '2026-03-02T08:35:00Z', atRisk: true }),
    clock({ metric: 'resolution', breached: true, atRisk: true }),
    clock({ metric: 'waiting', paused: true, dueAt: null }),
  ],
  duplicates: [{ key: 'SUP-7', score: 0.91 }],
  needsApproval: { required: true, reasons: ['P1 requests need a manager to approve.'] },
  explanation: ['Category network by the model.', 'Priority P1: the whole office is affected.'],
};
const panelView = (over: Partial<PanelView> = {}): PanelView => ({
  issueKey: 'SUP-1',
  decision,
  corrections: [],
  options: { categories: ['network', 'access'], priorities: ['P1', 'P2', 'P3'], teams: ['network', 'apps'] },
  ...over,
});

beforeEach(() => {
  host.context = { timezone: 'UTC', extension: { issue: { key: 'SUP-1' }, project: { key: 'SUP' } } };
  host.invoked = [];
  host.resolvers = {};
});
afterEach(() => {
  vi.useRealTimers();
});

describe('issue panel', () => {
  it('shows the decision of the issue in context, with SLA states in words', async () => {
    fake({ 'panel.get': () => panelView() });
    const root = await render(<IssuePanel />);
    expect(invoked('panel.get')).toEqual([{ issueKey: 'SUP-1' }]);
    const shown = text(root);
    expect(one(root, 'Lozenge', 'suggested only')).toBeDefined();
    expect(shown).toContain('Decided 2 Mar 2026, 08:06 UTC');
    expect(shown).toContain('network (87% confident, by the model)');
    expect(shown).toContain('P1 (impact high × urgency high)');
    expect(shown).toContain('Rule "vpn" matched "VPN down".');
    expect(shown).toContain('Ana Nowak');
    expect(ofType(root, 'Lozenge').map((l) => strings(l).join(''))).toEqual(
      expect.arrayContaining(['at risk', 'breached', 'paused']),
    );
    expect(shown).toContain('firstResponse (target 30m): due 2 Mar 2026, 08:35 UTC');
    expect(shown).toContain('SUP-7 (91% similar)');
    expect(one(root, 'SectionMessage').props.title).toBe('Needs approval');
    expect(shown).toContain('P1 requests need a manager to approve.');
    expect(shown).toContain('Priority P1: the whole office is affected.');
  });

  it('says when Switchboard has not triaged the request yet, and offers no corrections', async () => {
    fake({ 'panel.get': () => panelView({ decision: null }) });
    const root = await render(<IssuePanel />);
    expect(text(root)).toContain('Switchboard has not triaged this request yet.');
    expect(ofType(root, 'Button')).toHaveLength(0);
  });

  it('shows a failed load as an error with a retry, never a blank panel', async () => {
    let fail = true;
    fake({
      'panel.get': () => {
        if (fail) throw new Error('Jira is unavailable');
        return panelView({ decision: null });
      },
    });
    const root = await render(<IssuePanel />);
    expect(one(root, 'SectionMessage').props.appearance).toBe('error');
    expect(text(root)).toContain('Jira is unavailable');
    fail = false;
    await click(root, 'Try again');
    expect(ofType(root, 'SectionMessage')).toHaveLength(0);
    expect(text(root)).toContain('Switchboard has not triaged this request yet.');
  });

  it('records a one-click correction from the other options and shows it in the history', async () => {
    const corrections: PanelView['corrections'] = [];
    fake({
      'panel.get': () => panelView({ corrections: [...corrections] }),
      'panel.correct': ({ field, value }) => {
        corrections.push({ field, from: 'network', to: value, by: 'Ola', at: '2026-03-02T09:00:00Z' });
        return { ok: true };
      },
    });
    const root = await render(<IssuePanel />);
    await click(root, 'Wrong team?');
    const select = byId(root, 'Select', 'switchboard-correct-team');
    expect(select.props.options).toEqual([{ label: 'apps', value: 'apps' }]);
    expect(one(root, 'Label', 'Correct team').props.labelFor).toBe(select.props.id);
    await fire(select, 'onChange', { label: 'apps', value: 'apps' });
    expect(invoked('panel.correct')).toEqual([{ issueKey: 'SUP-1', field: 'team', value: 'apps' }]);
    expect(invoked('panel.get')).toHaveLength(2);
    expect(text(root)).toContain('Team: network → apps, by Ola on 2 Mar 2026, 09:00 UTC');
    expect(ofType(root, 'Select')).toHaveLength(0);
  });

  it('keeps the choice open and says why when a correction is not recorded', async () => {
    fake({
      'panel.get': () => panelView(),
      'panel.correct': () => Promise.reject(new Error('No permission to edit SUP-1')),
    });
    const root = await render(<IssuePanel />);
    await click(root, 'Wrong priority?');
    await fire(byId(root, 'Select', 'switchboard-correct-priority'), 'onChange', { label: 'P3', value: 'P3' });
    expect(strings(one(root, 'ErrorMessage')).join('')).toBe(
      'The correction was not recorded: No permission to edit SUP-1',
    );
  });
});

describe('admin page', () => {
  it('renders the five tabs, each loading its own data', async () => {
    fake({
      'admin.getConfig': () => ({ yaml: 'version: 1\n', version: 'v1', source: 'default' }),
      'admin.settings': () => ({
        settings: { priorityNames: {}, triagedLabel: 'switchboard', scopeJql: 'project = SUP', intakeRequestTypes: {} },
        source: 'default',
        choices: { priorities: [], customFields: [], serviceDesks: [] },
      }),
      'admin.backtestStatus': () => ({ state: 'idle', progress: { done: 0, total: 0 } }),
      'admin.modelStatus': () => ({
        trained: false,
        accuracy: [{ field: 'category', applied: 0, corrected: 0, accuracy: null }],
        retrain: { state: 'idle', progress: { done: 0, total: 0 } },
      }),
      'admin.pairing': () => ({ paired: false }),
    });
    const root = await render(<AdminPage />);
    expect(ofType(root, 'Tab').map((t) => strings(t).join(''))).toEqual([
      'Configuration',
      'Settings',
      'Backtest',
      'Model',
      'Slack',
    ]);
    const shown = text(root);
    expect(shown).toContain('Built-in default configuration, version v1');
    expect(shown).toContain('Built-in default settings; nothing saved yet.');
    expect(shown).toContain('No backtest has run yet.');
    expect(shown).toContain('no applied decisions yet');
    expect(shown).toContain('Not paired with a Slack service yet.');
  });

  it('saves the edited YAML and lists each error and failed example when it is refused', async () => {
    const refused: Result<'admin.saveConfig'> = {
      ok: false,
      errors: [{ path: 'routing.rules[0].team', message: 'unknown team "nets"' }],
      failedExamples: [{ name: 'vpn outage', problems: ['expected team network, got apps'] }],
    };
    let answer: Result<'admin.saveConfig'> = refused;
    fake({
      'admin.getConfig': () => ({ yaml: 'version: 1\n', version: answer.ok ? answer.version : 'v1', source: 'saved' }),
      'admin.saveConfig': () => answer,
    });
    const root = await render(<ConfigTab />);
    const yaml = byId(root, 'TextArea', 'switchboard-config-yaml');
    expect(yaml.props.value).toBe('version: 1\n');
    await type(yaml, 'version: 2\n');
    await click(root, 'Save');
    expect(invoked('admin.saveConfig')).toEqual([{ yaml: 'version: 2\n' }]);
    expect(one(root, 'SectionMessage').props.title).toBe('Not saved: 2 problems');
    expect(text(root)).toContain('routing.rules[0].team: unknown team "nets"');
    expect(text(root)).toContain('expected team network, got apps');
    answer = { ok: true, version: 'v2' };
    await click(root, 'Save');
    expect(text(root)).toContain('Saved as version v2.');
    expect(text(root)).toContain('Saved version v2');
  });

  it('polls a running backtest every 2 s and stops once it is done', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const states: Result<'admin.backtestStatus'>[] = [
      { state: 'idle', progress: { done: 0, total: 0 } },
      { state: 'running', progress: { done: 0, total: 10 } },
      { state: 'running', progress: { done: 5, total: 10 } },
      {
        state: 'done',
        progress: { done: 10, total: 10 },
        result: {
          train: 40,
          test: 10,
          fields: [{ field: 'category', accuracy: 0.8, majority: 0.4, macroF1: 0.71 }],
          coverageAtThreshold: { threshold: 0.8, coverage: 0.6, precision: 0.95 },
          teamLoad: [{ team: 'network', tickets: 7 }],
          sla: { met: 8, atRisk: 1, breached: 1 },
        },
      },
    ];
    let reads = 0;
    fake({
      'admin.backtestStatus': () => states[Math.min(reads++, states.length - 1)] as Result<'admin.backtestStatus'>,
      'admin.startBacktest': () => ({ started: true }),
    });
    const root = await render(<BacktestTab />);
    await type(byId(root, 'Textfield', 'switchboard-backtest-jql'), '  project = SUP ');
    await click(root, 'Start backtest');
    expect(invoked('admin.startBacktest')).toEqual([{ jql: 'project = SUP' }]);
    expect(text(root)).toContain('0 of 10 requests replayed');
    await settle(POLL_INTERVAL_MS - 1);
    expect(reads).toBe(2);
    await settle(1);
    expect(one(root, 'ProgressBar').props.value).toBe(0.5);
    await settle(POLL_INTERVAL_MS);
    expect(text(root)).toContain(
      'At the auto-apply threshold 0.8: 60% of requests would be applied, 95% of those correctly.',
    );
    expect(text(root)).toContain('8 met, 1 at risk, 1 breached.');
    expect(one(root, 'BarChart').props.data).toContainEqual({
      field: 'category',
      series: 'Majority class',
      accuracy: 0.4,
    });
    await settle(POLL_INTERVAL_MS * 3);
    expect(reads).toBe(4);
  });

  it('pairs with an https Slack service and shows the secret only until it is dismissed', async () => {
    let paired = false;
    fake({
      'admin.pairing': () =>
        paired ? { paired, serviceUrl: 'https://sb.example.com', pairedAt: '2026-03-02T10:00:00Z' } : { paired },
      'admin.createPairing': () => {
        paired = true;
        return { pairingCode: 'swb1.s3cret-once', tenant: 'site-42' };
      },
    });
    const root = await render(<SlackTab />);
    const url = () => byId(root, 'Textfield', 'switchboard-slack-url');
    await type(url(), 'http://sb.example.com');
    await click(root, 'Pair');
    expect(strings(one(root, 'ErrorMessage')).join('')).toContain('must start with https://');
    expect(invoked('admin.createPairing')).toEqual([]);
    await type(url(), 'https://sb.example.com');
    await click(root, 'Pair');
    expect(invoked('admin.createPairing')).toEqual([{ serviceUrl: 'https://sb.example.com' }]);
    expect(text(root)).toContain('s3cret-once');
    expect(text(root)).toContain('will not be shown again');
    await click(root, 'I have copied it');
    expect(text(root)).not.toContain('s3cret-once');
    expect(text(root)).toContain(
      'Paired with the Slack service at https://sb.example.com since 2 Mar 2026, 10:00 UTC.',
    );
  });
});

describe('project settings', () => {
  it('checks the threshold inline, saves the overrides and shows backend errors by field', async () => {
    let answer: Result<'project.save'> = {
      ok: false,
      errors: [{ path: 'overrides.defaultTeam', message: 'No team "ops"' }],
    };
    fake({
      'project.get': () => ({ enabled: true, autoApplyAt: 0.85 }),
      'project.save': () => answer,
    });
    const root = await render(<ProjectSettingsPage />);
    expect(invoked('project.get')).toEqual([{ projectKey: 'SUP' }]);
    expect(byId(root, 'Textfield', 'switchboard-project-threshold').props.value).toBe('0.85');
    await type(byId(root, 'Textfield', 'switchboard-project-threshold'), '1.5');
    await click(root, 'Save');
    expect(strings(one(root, 'ErrorMessage')).join('')).toBe('Enter a number from 0 to 1, e.g. 0.85.');
    expect(invoked('project.save')).toEqual([]);

    await fire(byId(root, 'Toggle', 'switchboard-project-enabled'), 'onChange');
    await type(byId(root, 'Textfield', 'switchboard-project-threshold'), '0.9');
    await type(byId(root, 'Textfield', 'switchboard-project-team'), 'ops');
    await click(root, 'Save');
    expect(invoked('project.save')).toEqual([
      { projectKey: 'SUP', overrides: { enabled: false, autoApplyAt: 0.9, defaultTeam: 'ops' } },
    ]);
    expect(byId(root, 'Textfield', 'switchboard-project-team').props.isInvalid).toBe(true);
    expect(strings(one(root, 'ErrorMessage')).join('')).toBe('No team "ops"');
    answer = { ok: true };
    await click(root, 'Save');
    expect(text(root)).toContain('The overrides for SUP are saved.');
  });
});

describe('view helpers', () => {
  it('names the SLA state, a breach winning over a pause and a pause over a risk', () => {
    expect(slaState(clock({ breached: true, paused: true, atRisk: true })).text).toBe('breached');
    expect(slaState(clock({ paused: true, atRisk: true })).text).toBe('paused');
    expect(slaState(clock({ atRisk: true })).text).toBe('at risk');
    expect(slaState(clock({})).text).toBe('on track');
  });

  it('formats percents, progress and times', () => {
    expect(percent(0.873)).toBe('87%');
    expect(progressFraction({ done: 0, total: 0 })).toBe(0);
    expect(progressFraction({ done: 3, total: 4 })).toBe(0.75);
    expect(formatWhen('2026-03-02T08:35:00Z', 'Europe/Warsaw')).toBe('2 Mar 2026, 09:35 CET');
    expect(formatWhen('2026-03-02T08:35:00Z', 'Not/AZone')).toBe('2 Mar 2026, 08:35 UTC');
    expect(formatWhen('yesterday', 'UTC')).toBe('yesterday');
  });

  it('reads Select options and project overrides defensively', () => {
    expect(selectedValue({ label: 'P2', value: 'P2' })).toBe('P2');
    expect(selectedValue(null)).toBeUndefined();
    expect(readOverrides({ enabled: true, autoApplyAt: ' ', defaultTeam: ' ' })).toEqual({
      overrides: { enabled: true },
      problems: [],
    });
    expect(readOverrides({ enabled: true, autoApplyAt: 'abc', defaultTeam: '' }).overrides).toBeUndefined();
  });
});
