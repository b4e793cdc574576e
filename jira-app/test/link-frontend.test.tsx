/**
 * The link page and the admin page's unpairing, rendered by the real @forge/react reconciler with the Forge host
 * faked at `globalThis.__bridge.callBridge`, as in frontend.test.tsx (which explains why the fake sits there).
 */
import ForgeReconciler from '@forge/react';
import { act, type ReactElement } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LINK_REFUSALS } from '../src/flows/identity-link';
import { SlackTab } from '../src/frontend/components/admin/slack-tab';
import { LinkPage } from '../src/frontend/components/link/link-page';
import { tokenFromPaste, tokenFromSearch } from '../src/frontend/components/link/link-token';

interface Doc {
  type: string;
  props: Record<string, unknown>;
  children: Doc[];
}

const host = vi.hoisted(() => {
  const state = {
    context: {} as Record<string, unknown>,
    /** What the host's history says the page's location is; undefined = the bridge gives no history. */
    search: undefined as string | undefined,
    resolvers: {} as Record<string, (payload: unknown) => unknown>,
    invoked: [] as { name: string; payload: unknown }[],
    roots: [] as Doc[],
  };
  const g = globalThis as Record<string, unknown>;
  g.self = globalThis;
  g.IS_REACT_ACT_ENVIRONMENT = true;
  g.__bridge = {
    callBridge: async (cmd: string, data: { functionKey: string; payload: unknown; forgeDoc: Doc }) => {
      if (cmd === 'getContext') return state.context;
      if (cmd === 'createHistory') {
        return state.search === undefined ? undefined : { location: { search: state.search }, listen: () => {} };
      }
      if (cmd === 'reconcile' && !state.roots.includes(data.forgeDoc)) state.roots.push(data.forgeDoc);
      if (cmd !== 'invoke') return undefined;
      state.invoked.push({ name: data.functionKey, payload: data.payload });
      const resolver = state.resolvers[data.functionKey];
      if (!resolver) throw new Error(`no fake for ${data.functionKey}`);
      return resolver(data.payload);
    },
  };
  return state;
});

const TOKEN = 'AbC_123-xyz0123456789abcdefghijklmnopqrstu';

async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
async function render(element: ReactElement): Promise<Doc> {
  const before = host.roots.length;
  await act(async () => ForgeReconciler.render(element));
  await settle();
  const root = host.roots[before];
  if (!root) throw new Error('nothing was rendered');
  return root;
}
const all = (doc: Doc, match: (d: Doc) => boolean): Doc[] =>
  (match(doc) ? [doc] : []).concat(doc.children.flatMap((c) => all(c, match)));
const strings = (doc: Doc): string[] => all(doc, (d) => d.type === 'String').map((d) => String(d.props.text));
const text = (doc: Doc): string => strings(doc).join('\n');
const ofType = (doc: Doc, type: string) => all(doc, (d) => d.type === type);
function button(root: Doc, label: string): Doc {
  const found = ofType(root, 'Button').filter((d) => strings(d).join('') === label);
  if (found.length !== 1) throw new Error(`expected one Button "${label}", found ${found.length}`);
  return found[0] as Doc;
}
async function fire(doc: Doc, handler: 'onClick' | 'onChange', arg?: unknown): Promise<void> {
  await act(async () => (doc.props[handler] as (a: unknown) => void)(arg));
  await settle();
}
const invoked = (name: string) => host.invoked.filter((c) => c.name === name).map((c) => c.payload);

beforeEach(() => {
  host.context = { timezone: 'UTC', accountId: 'acc-ada', extension: {} };
  host.search = undefined;
  host.invoked = [];
  host.resolvers = {};
});

describe('Link Slack account page', () => {
  it('takes the token from the page URL, shows who will be linked, and links on "Link"', async () => {
    host.search = `?slackLinkToken=${TOKEN}`;
    host.resolvers = { 'link.redeem': () => ({ linked: true, slackUserName: 'ada.l' }) };
    const root = await render(<LinkPage />);
    expect(ofType(root, 'User').map((u) => u.props.accountId)).toEqual(['acc-ada']);
    expect(ofType(root, 'Textfield')).toEqual([]);
    expect(invoked('link.redeem')).toEqual([]);
    await fire(button(root, 'Link'), 'onClick');
    // Only the token goes to the resolver: the account comes from Forge's context there.
    expect(invoked('link.redeem')).toEqual([{ token: TOKEN }]);
    expect(one(root, 'SectionMessage').props.title).toBe('Slack account linked');
    expect(text(root)).toContain('(ada.l in Slack)');
  });

  it('without a token in the URL asks for the link, and shows a refusal in words', async () => {
    host.resolvers = {
      'link.redeem': () => ({ linked: false, reason: 'expired', message: LINK_REFUSALS.expired }),
    };
    const root = await render(<LinkPage />);
    await fire(button(root, 'Link'), 'onClick');
    expect(text(root)).toContain('Paste the whole link');
    expect(invoked('link.redeem')).toEqual([]);
    const field = ofType(root, 'Textfield')[0] as Doc;
    await fire(field, 'onChange', {
      target: { value: ` https://acme.atlassian.net/jira/apps/a/b?slackLinkToken=${TOKEN} ` },
    });
    await fire(button(root, 'Link'), 'onClick');
    expect(invoked('link.redeem')).toEqual([{ token: TOKEN }]);
    expect(one(root, 'SectionMessage').props.title).toBe('Not linked');
    expect(text(root)).toContain(LINK_REFUSALS.expired);
  });

  it('shows a refusal of the call itself (wrong module, bad token) instead of pretending it linked', async () => {
    host.search = `?slackLinkToken=${TOKEN}`;
    host.resolvers = { 'link.redeem': () => ({ error: 'forbidden', message: 'only the switchboard-link module' }) };
    const root = await render(<LinkPage />);
    await fire(button(root, 'Link'), 'onClick');
    expect(text(root)).toContain('only the switchboard-link module');
    expect(text(root)).not.toContain('Slack account linked');
  });

  it('reads tokens only in their shape', () => {
    expect(tokenFromSearch(`?a=1&slackLinkToken=${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromSearch('?slackLinkToken=<script>')).toBeUndefined();
    expect(tokenFromPaste(TOKEN)).toBe(TOKEN);
    expect(tokenFromPaste('not a link')).toBeUndefined();
  });
});

describe('admin page: Unpair Slack', () => {
  it('asks once more, unpairs, and says when the Slack service could not be told', async () => {
    let paired = true;
    host.resolvers = {
      'admin.pairing': () =>
        paired ? { paired, serviceUrl: 'https://sb.example.com', pairedAt: '2026-03-02T10:00:00Z' } : { paired },
      'admin.unpair': () => {
        paired = false;
        return { unpaired: true, slackTold: false };
      },
    };
    const root = await render(<SlackTab />);
    await fire(button(root, 'Unpair Slack'), 'onClick');
    expect(invoked('admin.unpair')).toEqual([]);
    await fire(button(root, 'Cancel'), 'onClick');
    await fire(button(root, 'Unpair Slack'), 'onClick');
    await fire(button(root, 'Unpair'), 'onClick');
    expect(invoked('admin.unpair')).toEqual([{}]);
    expect(text(root)).toContain('/switchboard unpair');
    expect(text(root)).toContain('Not paired with a Slack service yet.');
  });
});

function one(doc: Doc, type: string): Doc {
  const found = ofType(doc, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as Doc;
}
