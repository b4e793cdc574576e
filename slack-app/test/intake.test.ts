import { SUMMARY_MAX_CHARS } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { LINK_FIRST_TEXT, SENT_TEXT } from '../src/blocks/request-modal';
import { getIntakeRequest, savePairing } from '../src/store';
import { stores, TEST_KEY } from './store/stores';
import {
  type OpenedForm,
  openRequestForm,
  requestSubmission,
  shortcutOn,
  submitRequestForm,
} from './support/intake-requests';
import { type Person, type Rig, TENANT_A, TENANT_B, until } from './support/rig';
import { FORM, formPayload } from './support/slack-requests';
import { useRig } from './support/use-rig';

const TEXT = 'VPN down in the Warsaw office\n<!channel> nobody can connect & <@U0BOSS> is asking';

describe.each(stores)('"Create request" from Slack on $name', (variant) => {
  let rig: Rig;
  let source: { ts: string };

  useRig(variant, { approvers: 1 }, (started) => {
    rig = started;
    source = rig.acme.addMessage({ channel: rig.acmeChannel, user: rig.requester.id, text: TEXT });
  });

  const shortcut = (user: Person, o: { channel?: string; ts?: string; text?: string } = {}) =>
    shortcutOn(rig, user, { ...o, ts: o.ts ?? source.ts, text: o.text ?? TEXT });
  const openForm = (user: Person, o: { channel?: string; ts?: string } = {}) =>
    openRequestForm(rig, user, { ...o, ts: o.ts ?? source.ts, text: TEXT });
  const submit = (user: Person, form: OpenedForm, over: { summary?: string | null; description?: string } = {}) =>
    submitRequestForm(rig, user, form, {
      summary: over.summary === undefined ? 'VPN down in the Warsaw office' : over.summary,
      description: over.description ?? TEXT,
    });
  const forgeCalls = (requestId: string) =>
    rig.forge.calls.filter((c) => c.verified && c.body.requestId === requestId && c.body.kind === 'request.create');
  const threadReplies = () => rig.acme.messages(rig.acmeChannel).filter((m) => m.threadTs === source.ts);
  const dmsTo = (userId: string) =>
    rig.emu.calls
      .filter((c) => c.method === 'chat.postMessage' && c.args.channel === userId && c.status === 200)
      .map((c) => String(c.args.text));

  it('opens the form prefilled from the message: first line as summary, the text as description', async () => {
    const form = await openForm(rig.requester);
    const [summary, description, ...rest] = form.blocks;
    expect(summary.element).toMatchObject({ action_id: 'summary', initial_value: 'VPN down in the Warsaw office' });
    expect(description.element).toMatchObject({ action_id: 'description', multiline: true, initial_value: TEXT });
    // One paired site: no choice to make.
    expect(JSON.stringify(rest)).not.toContain('static_select');
    expect(form.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a first line longer than Jira takes is cut, never through a character', async () => {
    const long = `${'🚨'.repeat(200)}\nsecond line`;
    const message = rig.acme.addMessage({ channel: rig.acmeChannel, user: rig.requester.id, text: long });
    const view = await shortcut(rig.requester, { ts: message.ts, text: long });
    const initial: string = (view.blocks as { element: { initial_value: string } }[])[0]?.element.initial_value ?? '';
    expect(initial.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(initial).toBe(`${'🚨'.repeat(126)}…`);
  });

  it('a submission sends Forge one signed request.create as the linked reporter; a double submit sends nothing more', async () => {
    const form = await openForm(rig.requester);
    const answer = await submit(rig.requester, form);
    expect(answer).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(answer.view)).toContain(SENT_TEXT.slice(0, 30));
    const [call] = await rig.forge.waitFor((c) => c.body.requestId === form.requestId);
    expect(call?.tenant).toBe(TENANT_A);
    expect(call?.body).toEqual({
      kind: 'request.create',
      requestId: form.requestId,
      summary: 'VPN down in the Warsaw office',
      description: TEXT,
      reporterAccountId: rig.requester.accountId,
      source: {
        channelId: rig.acmeChannel,
        messageTs: source.ts,
        permalink: `https://acme.slack.com/archives/${rig.acmeChannel}/p${source.ts.replace('.', '')}`,
      },
    });
    expect(await getIntakeRequest(rig.db.pool, form.requestId, TENANT_A)).toMatchObject({
      status: 'pending',
      slackUserId: rig.requester.id,
      threadTs: source.ts,
    });

    rig.advance(1_000); // Slack signs the second submission anew (the same signature would be a replay)
    expect(await submit(rig.requester, form)).toMatchObject({ response_action: 'update' });
    await until(
      () => rig.logs.filter((l) => l.event === 'intake-duplicate'),
      (l) => l.length > 0,
    );
    expect(forgeCalls(form.requestId)).toHaveLength(1);
    // Nothing the requester wrote reaches a log line.
    expect(JSON.stringify(rig.logs)).not.toContain('Warsaw');
  });

  it('a blank summary keeps the form open with an error on it, and sends nothing', async () => {
    const form = await openForm(rig.requester);
    const answer = await submit(rig.requester, form, { summary: '   ' });
    expect(answer).toEqual({ response_action: 'errors', errors: { summary: 'Give the request a summary.' } });
    expect(await getIntakeRequest(rig.db.pool, form.requestId, TENANT_A)).toBeUndefined();
  });

  it('someone not linked is told to link first, and their forged submission is refused', async () => {
    const view = await shortcut(rig.unlinked);
    expect(view.callback_id).toBe('create-request-notice');
    expect(JSON.stringify(view.blocks)).toContain('/switchboard link');

    const form = await openForm(rig.requester);
    const answer = await submit(rig.unlinked, form);
    expect(answer).toEqual({ response_action: 'errors', errors: { summary: LINK_FIRST_TEXT } });
    expect(await getIntakeRequest(rig.db.pool, form.requestId, TENANT_A)).toBeUndefined();
    expect(forgeCalls(form.requestId)).toHaveLength(0);
  });

  it('request.created replies in the message thread, escaped and linked, once', async () => {
    const form = await openForm(rig.requester);
    await submit(rig.requester, form);
    await rig.forge.waitFor((c) => c.body.requestId === form.requestId);
    const before = threadReplies().length;
    const created = {
      id: `request.created:${form.requestId}`,
      kind: 'request.created',
      requestId: form.requestId,
      issueKey: 'HELP-7',
      requestType: 'Get <!channel> help & <https://evil.example|more>',
      priority: 'P2',
      url: 'https://acme.atlassian.net/servicedesk/customer/portal/1/HELP-7',
    };
    expect((await rig.forgeEvent(created)).status).toBe(200);
    const replies = threadReplies().slice(before);
    expect(replies.map((m) => m.text)).toEqual([
      'Created <https://acme.atlassian.net/servicedesk/customer/portal/1/HELP-7|HELP-7> ' +
        '(Get &lt;!channel&gt; help &amp; &lt;https://evil.example|more&gt;, P2).',
    ]);
    expect(await getIntakeRequest(rig.db.pool, form.requestId, TENANT_A)).toMatchObject({
      status: 'created',
      issueKey: 'HELP-7',
    });
    // Forge answering again (a redelivered request.create) under a new event id tells nobody twice.
    rig.advance(1_100);
    expect((await rig.forgeEvent({ ...created, id: `again:${form.requestId}` })).status).toBe(200);
    expect(threadReplies().slice(before)).toHaveLength(1);
  });

  it('a link that is not https is left out: the key alone', async () => {
    const form = await openForm(rig.requester);
    await submit(rig.requester, form);
    await rig.forge.waitFor((c) => c.body.requestId === form.requestId);
    rig.advance(1_100);
    const before = threadReplies().length;
    await rig.forgeEvent({
      id: `request.created:${form.requestId}`,
      kind: 'request.created',
      requestId: form.requestId,
      issueKey: 'HELP-8',
      requestType: 'Get IT help',
      url: 'javascript:alert(1)',
    });
    // The rig's pairings carry no link page, so there is no site to link to either.
    expect(
      threadReplies()
        .slice(before)
        .map((m) => m.text),
    ).toEqual(['Created HELP-8 (Get IT help).']);
  });

  it("another site's answer for this request is ignored", async () => {
    const form = await openForm(rig.requester);
    await submit(rig.requester, form);
    await rig.forge.waitFor((c) => c.body.requestId === form.requestId);
    const before = threadReplies().length;
    const forged = {
      id: `request.created:${form.requestId}`,
      kind: 'request.created',
      requestId: form.requestId,
      issueKey: 'EVIL-1',
      requestType: 'Phishing',
    };
    // Signed correctly by site-b, about site-a's request.
    expect((await rig.forgeEvent(forged, { tenant: TENANT_B })).status).toBe(200);
    expect(threadReplies()).toHaveLength(before);
    expect(await getIntakeRequest(rig.db.pool, form.requestId, TENANT_A)).toMatchObject({ status: 'pending' });
    expect(rig.logs).toContainEqual({
      event: 'intake-answer-ignored',
      fields: { tenant: TENANT_B, kind: 'request.created' },
    });
  });

  it('request.failed tells the requester alone, escaped, and posts nothing in the channel', async () => {
    const form = await openForm(rig.requester);
    await submit(rig.requester, form);
    await rig.forge.waitFor((c) => c.body.requestId === form.requestId);
    const before = threadReplies().length;
    const res = await rig.forgeEvent({
      id: `request.failed:${form.requestId}`,
      kind: 'request.failed',
      requestId: form.requestId,
      reason: 'Jira refused the reporter <!here>',
    });
    expect(res.status).toBe(200);
    expect(threadReplies()).toHaveLength(before);
    expect(dmsTo(rig.requester.id).at(-1)).toBe(
      `Switchboard could not create the request from your message in <#${rig.acmeChannel}>: Jira refused the reporter &lt;!here&gt;.`,
    );
    expect(await getIntakeRequest(rig.db.pool, form.requestId, TENANT_A)).toMatchObject({ status: 'failed' });
  });

  it('where Switchboard may not post, the created request is sent to the requester instead', async () => {
    const quiet = rig.acme.addChannel({ name: 'quiet', members: [rig.requester.id], botIsMember: false }).id;
    const message = rig.acme.addMessage({ channel: quiet, user: rig.requester.id, text: 'Printer jammed' });
    const form = await openForm(rig.requester, { channel: quiet, ts: message.ts });
    await submit(rig.requester, form, { summary: 'Printer jammed', description: '' });
    await rig.forge.waitFor((c) => c.body.requestId === form.requestId);
    rig.advance(1_100);
    await rig.forgeEvent({
      id: `request.created:${form.requestId}`,
      kind: 'request.created',
      requestId: form.requestId,
      issueKey: 'HELP-9',
      requestType: 'Get IT help',
    });
    expect(rig.acme.messages(quiet).filter((m) => m.threadTs)).toHaveLength(0);
    expect(dmsTo(rig.requester.id).at(-1)).toContain('Created HELP-9 (Get IT help).');
  });

  it('with several paired sites the form offers a choice; a site of another workspace is refused', async () => {
    await savePairing(rig.db.pool, TEST_KEY, {
      tenant: 'site-c-0001',
      forgeWebtriggerUrl: rig.forge.url,
      secret: 'pairing-secret-c',
      teamId: rig.acme.teamId,
      linkPageUrl: 'https://beta.atlassian.net/jira/apps/switchboard/link',
      createdAt: rig.now(),
    });
    const form = await openForm(rig.requester);
    const site = form.blocks.find((b) => b.block_id === 'site');
    expect(site.element.options.map((o: { value: string; text: { text: string } }) => [o.value, o.text.text])).toEqual([
      [TENANT_A, 'Jira site site-a (linked)'],
      ['site-c-0001', 'beta.atlassian.net'],
    ]);
    expect(site.element.initial_option.value).toBe(TENANT_A);
    expect(JSON.parse(form.metadata).s).toBeUndefined();

    const choose = async (tenant: string | null) => {
      rig.advance(1_000);
      const payload = requestSubmission({
        teamId: rig.acme.teamId,
        userId: rig.requester.id,
        metadata: form.metadata,
        summary: 'VPN down',
        site: tenant,
      });
      return (await rig.slack(formPayload(payload), FORM)).json();
    };
    expect(await choose(null)).toEqual({
      response_action: 'errors',
      errors: { site: 'Choose the Jira site to raise the request in.' },
    });
    expect(await choose(TENANT_B)).toEqual({
      response_action: 'errors',
      errors: { site: 'That Jira site is no longer paired with this workspace.' },
    });
    expect(await getIntakeRequest(rig.db.pool, form.requestId, TENANT_B)).toBeUndefined();
    expect(await choose(TENANT_A)).toMatchObject({ response_action: 'update' });
    const [call] = await rig.forge.waitFor((c) => c.body.requestId === form.requestId);
    expect(call?.tenant).toBe(TENANT_A);
  });
});
