import { expect, it } from 'vitest';
import { messageShortcut, requestSubmission } from '../../../slack-app/test/support/intake-requests';
import { type Person, until } from '../../../slack-app/test/support/rig';
import { FORM, formPayload } from '../../../slack-app/test/support/slack-requests';
import { issueCreatedEvent } from '../../emulators/forge/index';
import { steps } from '../steps';
import type { World } from '../world';

/** Asking Switchboard about a request from Slack, and raising one from a Slack message. */
export function requestScenarios(w: World): void {
  const { posted, triageComments, newRequest } = steps(w);

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
}
