import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../../test/emulators/slack/testkit';
import type { Workspace } from '../../test/emulators/slack/types';
import { ChannelPacer, type PacerClock } from '../src/slack/pacer';
import { stores } from './store/stores';
import { type Rig, until } from './support/rig';
import { useRig } from './support/use-rig';

/** Timers on an injected clock: `runAll` jumps to each wake-up in turn, so nothing waits real seconds. */
function manualClock(start = 0) {
  let t = start;
  const timers: { at: number; wake: () => void }[] = [];
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const clock: PacerClock = {
    now: () => t,
    sleep: (ms) => new Promise<void>((wake) => timers.push({ at: t + ms, wake })),
  };
  return {
    clock,
    now: () => t,
    set: (at: number) => {
      t = at;
    },
    async runAll() {
      await settle();
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) return;
        t = Math.max(t, next.at);
        next.wake();
        await settle();
      }
    },
  };
}

describe('ChannelPacer', () => {
  it('spaces five posts to one channel a second apart, and does not delay another channel', async () => {
    const time = manualClock(10_000);
    const pacer = new ChannelPacer(time.clock);
    const released: Record<string, number[]> = {};
    const post = (channel: string) =>
      pacer.wait(channel).then(() => {
        released[channel] = [...(released[channel] ?? []), time.now()];
      });
    const posts = [...Array.from({ length: 5 }, () => post('T1:C-busy')), post('T1:C-quiet')];
    await time.runAll();
    await Promise.all(posts);
    expect(released['T1:C-busy']).toEqual([10_000, 11_000, 12_000, 13_000, 14_000]);
    expect(released['T1:C-quiet']).toEqual([10_000]);

    // A channel quiet for longer than the interval is not delayed at all.
    time.set(20_000);
    const late = post('T1:C-busy');
    await time.runAll();
    await late;
    expect(released['T1:C-busy']?.at(-1)).toBe(20_000);
  });
});

/** A Slack ts (`seconds.micros`) in microseconds: exact, where a float of the seconds would not be. */
const micros = (ts: string) => Number(ts.replace('.', ''));
const SECOND_US = 1_000_000;

/** Each gap between consecutive Slack timestamps, in microseconds. */
const gaps = (ts: string[]) => ts.slice(1).map((t, i) => micros(t) - micros(ts[i] ?? ''));

/**
 * Sleeps on a test's own clock, woken one at a time by the test: a wake moves the clock to its time, as real time
 * would have passed. The test wakes the next sleeper only after the post released before it reached Slack, so
 * Slack (the emulator, on the same clock) sees each post at its own time.
 */
function steppedClock(now: () => number, moveTo: (t: number) => void) {
  const timers: { at: number; wake: () => void }[] = [];
  const clock: PacerClock = {
    now,
    sleep: (ms) => new Promise<void>((wake) => timers.push({ at: now() + ms, wake })),
  };
  return {
    clock,
    /** Once `reached()` counts `n` posts sent, wakes the earliest sleeper; repeats until `n` reaches `total`. */
    async release(total: number, reached: () => number) {
      for (let n = 1; n < total; n++) {
        await until(
          () => timers.length > 0 && reached() >= n,
          (ready) => ready,
        );
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) throw new Error('nobody is waiting for a slot');
        if (next.at > now()) moveTo(next.at);
        next.wake();
      }
    },
  };
}

describe('a paced WebClient against the Slack emulator', () => {
  let h: Harness;
  let ws: Workspace;
  let channel: string;
  let other: string;
  let users: string[];

  beforeAll(async () => {
    h = await Harness.start();
    ws = h.emu.addWorkspace({ name: 'Acme' });
    users = [ws.addUser({ name: 'ann' }).id, ws.addUser({ name: 'ben' }).id];
    channel = ws.addChannel({ name: 'escalations', members: users }).id;
    other = ws.addChannel({ name: 'alerts', members: users }).id;
  });
  afterAll(async () => {
    h.checkAll();
    await h.close();
  });

  it('keeps chat.postMessage within the channel rate Slack enforces; chat.update and ephemerals are not held', async () => {
    const time = steppedClock(
      () => h.time,
      (t) => {
        h.time = t;
      },
    );
    const pacer = new ChannelPacer(time.clock);
    // No retries: without pacing, the fourth post within a second is a 429 error here.
    const client = pacer.pace(h.client(ws.botToken), ws.teamId);
    expect(pacer.pace(client, ws.teamId)).toBe(client); // pacing twice would wait twice

    const posts = () => h.emu.calls.filter((c) => c.method === 'chat.postMessage').length;
    const posting = Promise.all(
      Array.from({ length: 5 }, (_, i) => client.chat.postMessage({ channel, text: `post ${i}` })),
    );
    await time.release(5, posts);
    const posted = await posting;
    for (const gap of gaps(posted.map((p) => p.ts ?? ''))) expect(gap).toBeGreaterThanOrEqual(SECOND_US);
    expect(posted).toHaveLength(5);
    expect(h.emu.calls.filter((c) => c.status === 429)).toEqual([]);

    // Nothing below waits: a wait would hang here, as nobody releases it.
    await client.chat.update({ channel, ts: posted[0]?.ts ?? '', text: 'closed' });
    await Promise.all(users.map((user) => client.chat.postEphemeral({ channel, user, text: 'only you' })));
    await client.chat.postMessage({ channel: other, text: 'elsewhere' });
  });
});

describe.each(stores)('pacing in the service on $name', (variant) => {
  let rig: Rig;
  const time = steppedClock(
    () => rig.now(),
    (t) => rig.advance(t - rig.now()),
  );
  useRig(variant, { pacing: time.clock }, (started) => {
    rig = started;
  });

  it('posts through SlackClients.client() wait for their channel slot, so Slack never answers 429', async () => {
    const client = await rig.service.services.slack.client(rig.acme.teamId);
    const posts = () =>
      rig.emu.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === rig.acmeChannel).length;
    const posting = Promise.all(
      Array.from({ length: 5 }, (_, i) => client.chat.postMessage({ channel: rig.acmeChannel, text: `alert ${i}` })),
    );
    await time.release(5, posts);
    const posted = await posting;
    for (const gap of gaps(posted.map((p) => p.ts ?? ''))) expect(gap).toBeGreaterThanOrEqual(SECOND_US);
    expect(posted).toHaveLength(5);
    expect(rig.emu.calls.filter((c) => c.status === 429)).toEqual([]);
  });

  it('the clients Bolt hands listeners are paced too', async () => {
    rig.advance(60_000); // past the slots taken above
    const [ann] = rig.approvers;
    if (!ann) throw new Error('no approver');
    const told = () => rig.acme.messages(rig.acmeChannel).filter((m) => m.ephemeralTo === ann.id);
    // Three clicks on escalations Switchboard does not know: three refusals to one person in one channel.
    const clicks = Promise.all(
      ['gone-1', 'gone-2', 'gone-3'].map((id) => rig.click({ action: 'approve', user: ann, id })),
    );
    await time.release(3, () => told().length);
    await clicks;
    const shown = await until(told, (m) => m.length === 3);
    expect(shown).toHaveLength(3);
    for (const gap of gaps(shown.map((m) => m.ts))) expect(gap).toBeGreaterThanOrEqual(SECOND_US);
  });
});
