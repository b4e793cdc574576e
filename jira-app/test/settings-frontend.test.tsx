/**
 * The admin page's Settings tab, rendered by the real @forge/react reconciler with the Forge host faked at its one
 * edge (forge-host.ts says where and why).
 */
await vi.hoisted(() => import('./forge-host'));

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { optionFor, requestTypeOptions, unplaced, withOptional } from '../src/frontend/components/admin/settings-form';
import { SettingsTab } from '../src/frontend/components/admin/settings-tab';
import type { SettingsValues, SettingsView } from '../src/resolvers/api';
import { all, byId, click, type Doc, fire, host, invoked, ofType, render, strings, text } from './forge-ui';

/** A settings input by the end of its id. */
const setting = (root: Doc, type: string, id: string) => byId(root, type, `switchboard-settings-${id}`);
const save = (root: Doc) => click(root, 'Save');
/** The Stack that holds an input: its label, the input, help and inline errors. */
const errorsUnder = (root: Doc, type: string, id: string): string[] => {
  const input = setting(root, type, id);
  const stack = all(root, (d) => d.type === 'Stack' && d.children.includes(input))[0] as Doc;
  return ofType(stack, 'ErrorMessage').map((e) => strings(e).join(''));
};

const stored: SettingsValues = {
  priorityNames: { P1: 'Highest', P2: 'High', P3: 'Medium', P4: 'Low' },
  triagedLabel: 'switchboard',
  scopeJql: 'project = SUP',
  intakeServiceDeskId: '1',
  intakeRequestTypes: { network: '11' },
};
const view: SettingsView = {
  settings: stored,
  source: 'saved',
  choices: {
    priorities: ['Highest', 'High', 'Medium', 'Low', 'Lowest'],
    customFields: ['Request Type', 'Team'],
    serviceDesks: [
      { id: '1', name: 'Support', requestTypes: [{ id: '10', name: 'Get IT help' }] },
      { id: '2', name: 'Facilities', requestTypes: [{ id: '20', name: 'Fix a desk' }] },
    ],
  },
};

beforeEach(() => {
  host.invoked = [];
  host.resolvers = {};
});

describe('admin page: settings tab', () => {
  it('edits each setting with the site choices, shows refusals under their fields, then saves', async () => {
    let answer: unknown = {
      ok: false,
      errors: [
        { path: 'priorityNames.P1', message: 'no priority "Blocker" on this Jira site' },
        { path: 'scopeJql', message: "Field 'nope' does not exist" },
        { path: 'intakeRequestTypes.network', message: 'no request type 11 on this Jira site' },
      ],
    };
    host.resolvers = { 'admin.settings': () => view, 'admin.saveSettings': () => answer };
    const root = await render(<SettingsTab />);
    expect(text(root)).toContain('Saved settings for this site.');
    const p1 = setting(root, 'Select', 'priority-P1');
    expect(p1.props.value).toEqual({ label: 'Highest', value: 'Highest' });
    expect((p1.props.options as { value: string }[]).map((o) => o.value)).toEqual(view.choices.priorities);
    expect(setting(root, 'Select', 'team-field').props.value).toBeNull();
    expect(setting(root, 'Select', 'intake-desk').props.value).toEqual({ label: 'Support', value: '1' });
    expect(setting(root, 'Select', 'intake-type').props.options).toEqual([{ label: 'Get IT help', value: '10' }]);

    await fire(setting(root, 'Select', 'priority-P1'), 'onChange', { label: 'Lowest', value: 'Lowest' });
    await fire(setting(root, 'Select', 'team-field'), 'onChange', { label: 'Team', value: 'Team' });
    await fire(setting(root, 'Select', 'intake-desk'), 'onChange', { label: 'Facilities', value: '2' });
    expect(setting(root, 'Select', 'intake-type').props.options).toEqual([{ label: 'Fix a desk', value: '20' }]);
    await fire(setting(root, 'Select', 'intake-type'), 'onChange', { label: 'Fix a desk', value: '20' });
    await fire(setting(root, 'Textfield', 'scope-jql'), 'onChange', { target: { value: 'nope = 1' } });
    await fire(setting(root, 'Textfield', 'label'), 'onChange', { target: { value: 'triaged' } });
    await save(root);
    expect(invoked('admin.saveSettings')).toEqual([
      {
        settings: {
          ...stored,
          priorityNames: { ...stored.priorityNames, P1: 'Lowest' },
          teamField: 'Team',
          intakeServiceDeskId: '2',
          intakeRequestTypeId: '20',
          scopeJql: 'nope = 1',
          triagedLabel: 'triaged',
        },
      },
    ]);
    expect(errorsUnder(root, 'Select', 'priority-P1')).toEqual(['no priority "Blocker" on this Jira site']);
    expect(setting(root, 'Textfield', 'scope-jql').props.isInvalid).toBe(true);
    expect(errorsUnder(root, 'Textfield', 'scope-jql')).toEqual(["Field 'nope' does not exist"]);
    expect(setting(root, 'Textfield', 'label').props.isInvalid).toBe(false);
    // A problem with no input of its own is still shown, with its path.
    expect(text(root)).toContain('intakeRequestTypes.network: no request type 11 on this Jira site');
    expect(text(root)).toContain('The settings in use are unchanged.');

    answer = { ok: true };
    await save(root);
    expect(text(root)).toContain('New requests are triaged with these settings from now on.');
    expect(ofType(root, 'ErrorMessage')).toEqual([]);
  });

  it('says when the site has no service desk, and shows a failed load with a retry', async () => {
    let fail = true;
    host.resolvers = {
      'admin.settings': () => {
        if (fail) throw new Error('Jira is down');
        return { ...view, source: 'default', choices: { ...view.choices, serviceDesks: [] } };
      },
    };
    const root = await render(<SettingsTab />);
    expect(ofType(root, 'SectionMessage').map((m) => m.props.title)).toEqual(['Could not load the settings']);
    expect(text(root)).toContain('Jira is down');
    fail = false;
    await click(root, 'Try again');
    expect(text(root)).toContain('No Jira Service Management service desk on this site');
    expect(ofType(root, 'Select').filter((s) => String(s.props.id).endsWith('intake-desk'))).toEqual([]);
  });

  it('keeps unset optional settings unset and shows stored values the site no longer offers', () => {
    expect(withOptional({ ...stored, teamField: 'Team' }, 'teamField', undefined)).not.toHaveProperty('teamField');
    expect(withOptional(stored, 'teamField', '')).not.toHaveProperty('teamField');
    expect(optionFor([], 'Gone')).toEqual({ label: 'Gone (not on this site)', value: 'Gone' });
    expect(requestTypeOptions(view, undefined)).toEqual([{ label: 'Get IT help', value: '10' }]);
    expect(
      unplaced([
        { path: 'teamField', message: 'x' },
        { path: '', message: 'y' },
      ]),
    ).toEqual([{ path: '', message: 'y' }]);
  });
});
