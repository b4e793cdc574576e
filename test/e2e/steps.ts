import { expect } from 'vitest';
import { type Person, until } from '../../slack-app/test/support/rig';
import { buttonClick, FORM, formPayload } from '../../slack-app/test/support/slack-requests';
import { issueCreatedEvent } from '../emulators/forge/index';
import type { World } from './world';

/** The `value` of a message's button, as Slack sends it back with the click. */
export function buttonValue(blocks: unknown[] | undefined, actionId: string): string {
  const elements = (blocks ?? []).flatMap((b) => (b as { elements?: unknown[] }).elements ?? []);
  const button = elements.find((e) => (e as { action_id?: string }).action_id === actionId) as { value?: string };
  if (!button?.value) throw new Error(`no ${actionId} button`);
  return button.value;
}

/** What the scenarios read and do on both sides of a world; each reads the world when called, not before. */
export function steps(w: World) {
  /** Channel messages the bot posted (ephemeral ones excluded), newest last. */
  const posted = () => w.rig.acme.messages(w.rig.acmeChannel).filter((m) => m.ephemeralTo === undefined);
  const ephemeralsTo = (user: Person) =>
    w.rig.acme.messages(w.rig.acmeChannel).filter((m) => m.ephemeralTo === user.id);
  /** What the bot posted to a user's DM (chat.postMessage to the user id opens it). */
  const dmsTo = (user: Person) =>
    w.rig.emu.calls
      .filter((c) => c.method === 'chat.postMessage' && c.args.channel === user.id && c.status === 200)
      .map((c) => String(c.args.text));
  /** Switchboard's triage comments on a request (the explanation), as Jira keeps them. */
  const triageComments = (key: string) =>
    (w.h.site.issue(key)?.comments ?? []).filter((c) => JSON.stringify(c).includes('Switchboard triaged this request'));

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

  /** A click on the escalation message's `action` button (approve, decline, snooze), signed as Slack signs it. */
  async function click(user: Person, value: string, action = 'approve') {
    w.step();
    const { rig } = w;
    const payload = buttonClick({
      actionId: action,
      teamId: rig.acme.teamId,
      userId: user.id,
      channelId: rig.acmeChannel,
      value,
      triggerId: rig.emu.issueTriggerId(rig.acme, user.id),
    });
    expect((await rig.slack(formPayload(payload), FORM)).status).toBe(200);
  }

  /** The escalation message for `key` Forge had posted, and its escalation id (the buttons' value). */
  async function escalationMessage(key: string) {
    const message = await until(
      () => posted().find((m) => m.text === `Escalation proposed for ${key}: approval needed`),
      (m) => m !== undefined,
    );
    if (!message) throw new Error(`no escalation message for ${key}`);
    return { message, id: buttonValue(message.blocks, 'approve') };
  }

  /** The escalation message once its blocks say `text` (edited by the service). */
  const messageShowing = (ts: string, text: string) =>
    until(
      () => posted().find((m) => m.ts === ts),
      (m) => JSON.stringify(m?.blocks).includes(text),
    );

  return {
    posted,
    ephemeralsTo,
    dmsTo,
    triageComments,
    newRequest,
    click,
    approve: (user: Person, value: string) => click(user, value, 'approve'),
    escalationMessage,
    messageShowing,
  };
}
