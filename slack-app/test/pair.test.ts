import { link } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { NOT_ADMIN_TEXT } from '../src/listeners/commands/pair';
import { PAIRED_TEXT, TAKEN_TEXT } from '../src/listeners/views/pair';
import { getPairing } from '../src/store';
import { stores, TEST_KEY } from './store/stores';
import { type Rig, until } from './support/rig';
import { commandBody, FORM, formPayload, pairSubmission } from './support/slack-requests';
import { useRig } from './support/use-rig';

const TENANT = 'site-new-0001';
const SECRET = 'new-site-secret-0123456789abcdef-0001';
const WEB_TRIGGER = 'https://forge.example/x1/webtrigger/switchboard';
const codeFor = (secret: string) => link.encodePairingCode({ tenant: TENANT, secret, webTriggerUrl: WEB_TRIGGER });

type Errors = { response_action: 'errors'; errors: Record<string, string> };

describe.each(stores)('/switchboard pair on $name', (variant) => {
  const admins = new Set<string>();
  let rig: Rig;
  let ada: string;
  let oscar: string;
  let jiraChannel: string;

  useRig(variant, { approvers: 1, admins }, (started) => {
    rig = started;
    ada = rig.acme.addUser({ name: 'ada' }).id;
    oscar = rig.other.addUser({ name: 'oscar' }).id;
    admins.add(ada).add(oscar);
    jiraChannel = rig.acme.addChannel({ name: 'jira-alerts', members: [ada, rig.unlinked.id] }).id;
  });

  const command = async (userId: string, channelId: string) => {
    const body = commandBody({
      teamId: rig.acme.teamId,
      userId,
      text: 'pair',
      channelId,
      triggerId: rig.emu.issueTriggerId(rig.acme, userId),
      responseUrl: rig.emu.issueResponseUrl(rig.acme, channelId, undefined, { userId }),
    });
    expect((await rig.slack(body, FORM)).status).toBe(200);
  };
  /** The acknowledgement's body: `errors` keeps the modal open; nothing closes it. */
  const submit = async (o: { team?: typeof rig.acme; userId: string; code: string; channelId: string }) => {
    // Each accepted pairing posts a confirmation; Slack allows about one post per second per channel.
    rig.advance(1_100);
    const payload = pairSubmission({ teamId: (o.team ?? rig.acme).teamId, ...o });
    const res = await rig.slack(formPayload(payload), FORM);
    expect(res.status).toBe(200);
    const text = await res.text();
    return text ? (JSON.parse(text) as Errors) : undefined;
  };
  const confirmations = () => rig.acme.messages(jiraChannel).filter((m) => m.text === PAIRED_TEXT);

  it('an admin opens the modal, pairs the site, and its signed events are then accepted', async () => {
    await command(ada, jiraChannel);
    const opened = await until(
      () => rig.acme.views().find((v) => v.type === 'modal' && v.userId === ada),
      (v) => v !== undefined,
    );
    expect(opened?.view).toMatchObject({ callback_id: 'pair' });
    expect(JSON.stringify(opened?.view.blocks)).toContain(`"initial_conversation":"${jiraChannel}"`);

    expect(await submit({ userId: ada, code: codeFor(SECRET), channelId: jiraChannel })).toBeUndefined();
    expect(await getPairing(rig.db.pool, TEST_KEY, TENANT)).toMatchObject({
      teamId: rig.acme.teamId,
      channelId: jiraChannel,
      secret: SECRET,
      forgeWebtriggerUrl: WEB_TRIGGER,
    });
    const { rows } = await rig.db.pool.query('SELECT secret_enc FROM pairings WHERE tenant = $1', [TENANT]);
    expect(Buffer.from(rows[0].secret_enc).toString('latin1')).not.toContain(SECRET);
    expect(confirmations()).toHaveLength(1);
    expect(rig.logs).toContainEqual({ event: 'paired', fields: { tenant: TENANT } });
    expect(JSON.stringify(rig.logs)).not.toContain(SECRET);

    rig.advance(1_100);
    const event = {
      id: 'sla-new-1',
      kind: 'sla.at_risk',
      issueKey: 'NEW-1',
      metric: 'time to first response',
      dueAt: new Date(rig.now() + 60_000).toISOString(),
      breached: false,
      priority: 'P2',
      team: 'Desk',
    };
    const res = await rig.forgeEvent(event, { tenant: TENANT, secret: SECRET });
    expect(res.status).toBe(200);
    expect(rig.acme.messages(jiraChannel).some((m) => m.text.includes('NEW-1'))).toBe(true);
  });

  it('pairing the same site again from the same workspace rotates its secret', async () => {
    const rotated = 'new-site-secret-0123456789abcdef-0002';
    expect(await submit({ userId: ada, code: codeFor(rotated), channelId: jiraChannel })).toBeUndefined();
    expect((await getPairing(rig.db.pool, TEST_KEY, TENANT))?.secret).toBe(rotated);
    const event = { id: 'sla-new-2', kind: 'sla.at_risk', issueKey: 'NEW-2', metric: 'x', breached: true };
    expect((await rig.forgeEvent(event, { tenant: TENANT, secret: SECRET })).status).toBe(401);
  });

  it('a non-admin gets a private refusal and no modal, and a forged submission of theirs pairs nothing', async () => {
    const viewsBefore = rig.acme.views().length;
    await command(rig.unlinked.id, jiraChannel);
    const refusal = await until(
      () => rig.emu.responseUrlPosts.find((p) => (p.body as { text?: string }).text === NOT_ADMIN_TEXT),
      (p) => p !== undefined,
    );
    expect(refusal?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(rig.acme.views()).toHaveLength(viewsBefore);

    const other = link.encodePairingCode({ tenant: 'site-new-0002', secret: SECRET, webTriggerUrl: WEB_TRIGGER });
    const answer = await submit({ userId: rig.unlinked.id, code: other, channelId: jiraChannel });
    expect(answer?.errors).toEqual({ code: NOT_ADMIN_TEXT });
    expect(await getPairing(rig.db.pool, TEST_KEY, 'site-new-0002')).toBeUndefined();
  });

  it('a damaged code keeps the modal open with an error that does not repeat it, and stores nothing', async () => {
    const good = link.encodePairingCode({ tenant: 'site-new-0003', secret: SECRET, webTriggerUrl: WEB_TRIGGER });
    // Cut short, as a partial copy is. (A few characters cut from the middle can still decode to another tenant:
    // the code carries no checksum.)
    const damaged = good.slice(0, -12);
    for (const [code, says] of [
      [damaged, 'damaged'],
      ['hello <!channel>', 'not a Switchboard pairing code'],
    ] as const) {
      const answer = await submit({ userId: ada, code, channelId: jiraChannel });
      expect(answer?.response_action).toBe('errors');
      expect(answer?.errors.code).toContain(says);
      expect(JSON.stringify(answer)).not.toContain(code);
    }
    expect(await getPairing(rig.db.pool, TEST_KEY, 'site-new-0003')).toBeUndefined();
  });

  it('another workspace cannot take over a paired site', async () => {
    const before = confirmations().length;
    const taken = 'new-site-secret-0123456789abcdef-0666';
    const answer = await submit({ team: rig.other, userId: oscar, code: codeFor(taken), channelId: rig.otherChannel });
    expect(answer?.errors).toEqual({ code: TAKEN_TEXT });
    expect(await getPairing(rig.db.pool, TEST_KEY, TENANT)).toMatchObject({ teamId: rig.acme.teamId });
    expect((await getPairing(rig.db.pool, TEST_KEY, TENANT))?.secret).not.toBe(taken);
    expect(rig.other.messages(rig.otherChannel).some((m) => m.text === PAIRED_TEXT)).toBe(false);
    expect(confirmations()).toHaveLength(before);
  });

  it('a channel Switchboard is not in keeps the modal open on the channel field', async () => {
    const outside = rig.acme.addChannel({ name: 'no-bot', members: [ada], botIsMember: false }).id;
    const answer = await submit({ userId: ada, code: codeFor(SECRET), channelId: outside });
    expect(Object.keys(answer?.errors ?? {})).toEqual(['channel']);
  });
});
