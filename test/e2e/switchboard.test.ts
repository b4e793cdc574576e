import { link } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { notifySlack } from '../../jira-app/src/flows/slack-out';
import { forgePlatform } from '../../jira-app/src/platform';
import { adminCtx } from '../../jira-app/test/harness';
import { REFUSAL_TEXT } from '../../slack-app/src/approvals/decide';
import { PAIRED_TEXT } from '../../slack-app/src/listeners/views/pair';
import { getEscalation, getPairing, listIdentityLinks } from '../../slack-app/src/store';
import { TEST_KEY } from '../../slack-app/test/store/stores';
import { messageShortcut, requestSubmission } from '../../slack-app/test/support/intake-requests';
import { type Person, until } from '../../slack-app/test/support/rig';
import { buttonClick, FORM, formPayload } from '../../slack-app/test/support/slack-requests';
import { issueCreatedEvent } from '../emulators/forge/index';
import { e2eWorld, LINK_PAGE, linkToken } from './world';

const w = e2eWorld();

/** Channel messages the bot posted (ephemeral ones excluded), newest last. */
const posted = () => w.rig.acme.messages(w.rig.acmeChannel).filter((m) => m.ephemeralTo === undefined);
const ephemeralsTo = (user: Person) => w.rig.acme.messages(w.rig.acmeChannel).filter((m) => m.ephemeralTo === user.id);
/** What the bot posted to a user's DM (chat.postMessage to the user id opens it). */
const dmsTo = (user: Person) =>
  w.rig.emu.calls
    .filter((c) => c.method === 'chat.postMessage' && c.args.channel === user.id && c.status === 200)
    .map((c) => String(c.args.text));
/** Switchboard's triage comments on a request (the explanation), as Jira keeps them. */
const triageComments = (key: string) =>
  (w.h.site.issue(key)?.comments ?? []).filter((c) => JSON.stringify(c).includes('Switchboard triaged this request'));

/** The `value` of a message's button, as Slack sends it back with the click. */
function buttonValue(blocks: unknown[] | undefined, actionId: string): string {
  const elements = (blocks ?? []).flatMap((b) => (b as { elements?: unknown[] }).elements ?? []);
  const button = elements.find((e) => (e as { action_id?: string }).action_id === actionId) as { value?: string };
  if (!button?.value) throw new Error(`no ${actionId} button`);
  return button.value;
}

/**
 * A new request in Jira, through Forge's created trigger and triage consumer, as Jira and Forge run them; with
 * `approvers`, it has a JSM approval step as its request type would add.
 */
async function newRequest(summary: string, reporter: string, approvers?: string[]) {
  const { h } = w;
  const created = h.site.createIssue({ project: 'SUP', summary, reporter });
  if (approvers) h.site.addApproval(created.key, { name: 'Escalation', approvers });
  w.step();
  await h.handlers.onIssueCreated(issueCreatedEvent(h.site, created.key));
  const results = await h.forge.deliver('triage', h.handlers.triageWorker);
  expect(results.map((r) => r.outcome)).toEqual(['done']);
  return created;
}

/** An Approve click on the escalation message, signed as Slack signs it. */
async function approve(user: Person, value: string) {
  w.step();
  const { rig } = w;
  const payload = buttonClick({
    actionId: 'approve',
    teamId: rig.acme.teamId,
    userId: user.id,
    channelId: rig.acmeChannel,
    value,
    triggerId: rig.emu.issueTriggerId(rig.acme, user.id),
  });
  expect((await rig.slack(formPayload(payload), FORM)).status).toBe(200);
}

describe('Forge app and Slack service together', () => {
  it('pairs with the admin page code and /switchboard pair; then each side accepts the other signed', async () => {
    const { h } = w;
    const { tenant, pairingCode } = await w.paired();
    // Slack: the pairing names the alert channel, Forge's web trigger and the site's link page.
    const stored = await getPairing(w.rig.db.pool, TEST_KEY, tenant);
    expect(stored).toMatchObject({
      teamId: w.rig.acme.teamId,
      channelId: w.rig.acmeChannel,
      forgeWebtriggerUrl: h.forge.webTriggerUrl('slack-events'),
      linkPageUrl: LINK_PAGE,
    });
    expect(posted().map((m) => m.text)).toContain(PAIRED_TEXT);
    expect(JSON.stringify(w.rig.logs)).not.toContain(pairingCode);
    // Forge: the admin page shows the site paired.
    expect(await h.resolvers['admin.pairing']({}, adminCtx(h.agent.accountId))).toMatchObject({ paired: true });

    // Slack -> Forge: the service's signed call, as it sends every message, is accepted by the web trigger.
    w.step();
    await w.rig.service.runJob('forge-outbound', { tenant, body: { kind: 'ping' } });
    expect(w.webTrigger.at(-1)).toEqual({ body: { kind: 'ping' }, status: 200 });

    // Forge -> Slack: a notification signed with Forge's copy of the secret is accepted and shown.
    w.step();
    const p = forgePlatform({ now: () => h.clock.t });
    const accepted = await notifySlack(p, 'sla.at_risk', {
      issueKey: 'SUP-999',
      metric: 'Time to first response',
      dueAt: new Date(h.clock.t + 600_000).toISOString(),
      breached: false,
      priority: 'P2',
      team: 'service-desk',
    });
    expect(accepted).toBe(true);
    expect(posted().some((m) => m.text.includes('SUP-999'))).toBe(true);

    // Neither side takes the tenant's name without its secret.
    w.step();
    const forged = {
      id: 'forged-1',
      kind: 'sla.at_risk',
      issueKey: 'SUP-998',
      metric: 'x',
      dueAt: null,
      breached: true,
    };
    expect((await w.rig.forgeEvent(forged, { tenant, secret: 'not-the-pairing-secret' })).status).toBe(401);
    expect(posted().some((m) => m.text.includes('SUP-998'))).toBe(false);
    const body = JSON.stringify({ kind: 'pairing.ended' });
    const toForge = await w.rig.service.services.forgeFetch(stored?.forgeWebtriggerUrl ?? '', {
      method: 'POST',
      headers: link.signedHeaders('not-the-pairing-secret', tenant, body, h.clock.t),
      body,
    });
    expect(toForge.status).toBe(401);
    expect(await h.resolvers['admin.pairing']({}, adminCtx(h.agent.accountId))).toMatchObject({ paired: true });
  });

  it('links a Slack user to the Jira account logged in on the link page, once per token', async () => {
    const { h } = w;
    const { tenant } = await w.paired();
    const token = await linkToken(w, w.slackAlan);
    w.step();
    const result = await h.resolvers['link.redeem'](
      { token },
      { accountId: h.approver.accountId, moduleKey: 'switchboard-link' },
    );
    expect(result).toMatchObject({ linked: true });
    const linksOf = async (accountId: string) =>
      (await listIdentityLinks(w.rig.db.pool, w.rig.acme.teamId, tenant)).filter((l) => l.accountId === accountId);
    expect(await linksOf(h.approver.accountId)).toEqual([expect.objectContaining({ slackUserId: w.slackAlan.id })]);
    // Told in the app's DM, so a link someone else made does not go unnoticed.
    const dm = await until(
      () => dmsTo(w.slackAlan),
      (m) => m.length > 0,
    );
    expect(dm.join()).toContain('now linked to your Atlassian account on acme.atlassian.net');

    // The token is spent: redeeming it again, as anyone, links nobody.
    const again = await h.resolvers['link.redeem'](
      { token },
      { accountId: h.agent.accountId, moduleKey: 'switchboard-link' },
    );
    expect(again).toMatchObject({ linked: false, reason: 'expired' });
    expect(await linksOf(h.agent.accountId)).toEqual([]);
    expect(await linksOf(h.approver.accountId)).toHaveLength(1);
  });

  it('escalates a new P1 from Jira to Slack, refuses the requester, and Forge applies the approval in Jira', async () => {
    const { h } = w;
    await w.linked(w.slackAlan, h.approver);
    await w.linked(w.slackRita, h.requester);
    const summary = 'VPN down for the whole Warsaw office <!channel> & nobody can connect';
    // Its JSM approval step lists the approver; Forge answers it as whoever approves in Slack.
    const { key } = await newRequest(summary, h.requester.accountId, [h.approver.accountId]);
    expect(triageComments(key)).toHaveLength(1);

    // Slack: the approval message, in the alert channel, with the summary escaped.
    const message = posted().find((m) => m.text === `Escalation proposed for ${key}: approval needed`);
    const blocks = JSON.stringify(message?.blocks);
    expect(blocks).toContain('VPN down for the whole Warsaw office &lt;!channel&gt; &amp; nobody can connect');
    expect(blocks).not.toContain('<!channel>');
    const value = buttonValue(message?.blocks, 'approve');

    // The requester may not approve their own escalation: told privately, nothing reaches Forge.
    const sentBefore = w.webTrigger.length;
    await approve(w.slackRita, value);
    await until(
      () => ephemeralsTo(w.slackRita).map((m) => m.text),
      (t) => t.includes(REFUSAL_TEXT.requester),
    );
    expect(ephemeralsTo(w.slackRita).map((m) => m.text)).toContain(REFUSAL_TEXT.requester);
    expect(await getEscalation(w.rig.db.pool, value)).toMatchObject({ status: 'pending' });
    expect(w.webTrigger.length).toBe(sentBefore);

    // The linked approver approves: signed to Forge's web trigger, applied by the work consumer.
    await approve(w.slackAlan, value);
    await w.deliverWork();
    expect(w.webTrigger.at(-1)).toMatchObject({
      status: 202,
      body: { kind: 'approval.decided', issueKey: key, decision: 'approve', approverAccountId: h.approver.accountId },
    });
    const issue = h.site.issue(key);
    expect(issue?.approvals[0]).toMatchObject({ finalDecision: 'approved' });
    expect(issue?.approvals[0]?.approvers).toEqual([{ accountId: h.approver.accountId, decision: 'approved' }]);
    expect(JSON.stringify(issue?.comments)).toContain('Escalation approved in Slack by Alan Approver.');

    // Slack: the message shows who decided, to everyone, without buttons.
    const closed = await until(
      () => posted().find((m) => m.ts === message?.ts),
      (m) => JSON.stringify(m?.blocks).includes('Approved by'),
    );
    expect(JSON.stringify(closed?.blocks)).toContain(`Approved by <@${w.slackAlan.id}>`);
    expect(JSON.stringify(closed?.blocks)).not.toContain('"actions"');
    expect(await getEscalation(w.rig.db.pool, value)).toMatchObject({
      status: 'approved',
      decidedBy: h.approver.accountId,
    });
  });

  it('/switchboard KEY answers, as Jira lets the linked asker see it, on the command’s response_url', async () => {
    const { h } = w;
    await w.linked(w.slackAlan, h.approver);
    await w.linked(w.slackNora, w.nosy);
    const { key } = await newRequest('Payroll export fails for the Krakow team', h.requester.accountId);
    const answerTo = async (user: Person) => {
      const { ack, responseUrl } = await w.command(user, key.toLowerCase());
      expect(ack?.text).toBe(`Looking up ${key}…`);
      await w.deliverWork();
      expect(w.webTrigger.at(-1)).toMatchObject({ status: 202, body: { kind: 'decision.query', issueKey: key } });
      const id = decodeURIComponent(responseUrl.split('/response/')[1] ?? '');
      const post = await until(
        () => w.rig.emu.responseUrlPosts.find((r) => r.id === id),
        (r) => r !== undefined,
      );
      expect(post?.status).toBe(200);
      return post?.body as { response_type?: string; text?: string; blocks?: unknown[] };
    };

    const seen = await answerTo(w.slackAlan);
    expect(seen.response_type).toBe('ephemeral');
    const decision = h.site.issue(key)?.properties['switchboard.decision'] as { priority: string; team: string };
    expect(JSON.stringify(seen.blocks)).toContain(`Switchboard's decision on *${key}*: applied to the request`);
    expect(JSON.stringify(seen.blocks)).toContain(`*Priority*\\n${decision.priority}`);
    expect(JSON.stringify(seen.blocks)).toContain(`*Team*\\n${decision.team}`);

    const hidden = await answerTo(w.slackNora);
    expect(hidden.text).toContain(`Switchboard has no decision on *${key}* that you can see`);
    expect(JSON.stringify(hidden)).not.toContain(decision.team);
  });

  it('"Create request" on a Slack message raises one JSM request as the reporter, answered in the thread', async () => {
    const { h } = w;
    await w.linked(w.slackRita, h.requester);
    const { rig } = w;
    const text = 'The printer on floor 3 jams on every page\nIt started after the toner change.';
    w.step();
    const { ts } = rig.acme.addMessage({ channel: rig.acmeChannel, user: w.slackRita.id, text });
    const shortcut = messageShortcut({
      teamId: rig.acme.teamId,
      userId: w.slackRita.id,
      channelId: rig.acmeChannel,
      messageTs: ts,
      text,
      triggerId: rig.emu.issueTriggerId(rig.acme, w.slackRita.id),
    });
    expect((await rig.slack(formPayload(shortcut), FORM)).status).toBe(200);
    const form = await until(
      () => rig.acme.views().find((v) => v.userId === w.slackRita.id && v.view.callback_id === 'create-request'),
      (v) => v !== undefined,
    );
    w.step();
    const submission = requestSubmission({
      teamId: rig.acme.teamId,
      userId: w.slackRita.id,
      metadata: String(form?.view.private_metadata),
      summary: 'The printer on floor 3 jams on every page',
      description: text,
    });
    expect((await rig.slack(formPayload(submission), FORM)).status).toBe(200);

    // Forge creates it as the reporter, in the service desk, and tells Slack.
    await w.deliverWork();
    expect(w.webTrigger.at(-1)).toMatchObject({ status: 202, body: { kind: 'request.create' } });
    const reply = await until(
      () => posted().find((m) => m.threadTs === ts),
      (m) => m !== undefined,
    );
    const key = /\b(SUP-\d+)\b/.exec(reply?.text ?? '')?.[1] ?? '';
    const issue = h.site.issue(key);
    expect(issue?.fields).toMatchObject({
      summary: 'The printer on floor 3 jams on every page',
      reporter: h.requester.accountId,
    });
    expect(reply?.text).toContain(`<https://acme.atlassian.net/browse/${key}|${key}>`);
    // The agent sees where it came from: Slack's permalink, which Forge accepts only as https.
    expect(JSON.stringify(issue?.fields.description)).toContain('Raised in Slack: https://');

    // Triaged once: Jira's created event for it (as ignoreSelf lets it through) finds the triage already queued.
    await h.handlers.onIssueCreated(issueCreatedEvent(h.site, key));
    expect(h.forge.pending('triage').map((e) => e.body)).toEqual([
      expect.objectContaining({ issueId: issue?.id, issueKey: key }),
    ]);
    expect((await h.forge.deliver('triage', h.handlers.triageWorker)).map((r) => r.outcome)).toEqual(['done']);
    expect(triageComments(key)).toHaveLength(1);
    expect(h.site.issue(key)?.fields.labels).toContain('switchboard');
  });
});
