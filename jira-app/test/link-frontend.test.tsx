/**
 * The link page and the admin page's unpairing, rendered by the real @forge/react reconciler with the Forge host
 * faked at its one edge (forge-host.ts says where and why).
 */
await vi.hoisted(() => import('./forge-host'));

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LINK_REFUSALS } from '../src/flows/identity-link';
import { SlackTab } from '../src/frontend/components/admin/slack-tab';
import { LinkPage } from '../src/frontend/components/link/link-page';
import { tokenFromPaste, tokenFromSearch } from '../src/frontend/components/link/link-token';
import { click, type Doc, fire, host, invoked, ofType, one, render, text } from './forge-ui';

const TOKEN = 'AbC_123-xyz0123456789abcdefghijklmnopqrstu';

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
    await click(root, 'Link');
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
    await click(root, 'Link');
    expect(text(root)).toContain('Paste the whole link');
    expect(invoked('link.redeem')).toEqual([]);
    const field = ofType(root, 'Textfield')[0] as Doc;
    await fire(field, 'onChange', {
      target: { value: ` https://acme.atlassian.net/jira/apps/a/b?slackLinkToken=${TOKEN} ` },
    });
    await click(root, 'Link');
    expect(invoked('link.redeem')).toEqual([{ token: TOKEN }]);
    expect(one(root, 'SectionMessage').props.title).toBe('Not linked');
    expect(text(root)).toContain(LINK_REFUSALS.expired);
  });

  it('shows a refusal of the call itself (wrong module, bad token) instead of pretending it linked', async () => {
    host.search = `?slackLinkToken=${TOKEN}`;
    host.resolvers = { 'link.redeem': () => ({ error: 'forbidden', message: 'only the switchboard-link module' }) };
    const root = await render(<LinkPage />);
    await click(root, 'Link');
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
    await click(root, 'Unpair Slack');
    expect(invoked('admin.unpair')).toEqual([]);
    await click(root, 'Cancel');
    await click(root, 'Unpair Slack');
    await click(root, 'Unpair');
    expect(invoked('admin.unpair')).toEqual([{}]);
    expect(text(root)).toContain('/switchboard unpair');
    expect(text(root)).toContain('Not paired with a Slack service yet.');
  });
});
