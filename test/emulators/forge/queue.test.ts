import { __requestAtlassianAsApp } from '@forge/api';
import {
  InternalServerError,
  InvalidPushSettingsError,
  InvocationError,
  InvocationErrorCode,
  Queue,
  TooManyEventsError,
} from '@forge/events';
import { describe, expect, it } from 'vitest';
import { MAX_RETRIES } from './queue';
import { QUEUE_PUBLISH_PATH } from './stargate';
import { useForge } from './testkit';

const h = useForge();

// biome-ignore lint/suspicious/noExplicitAny: consumers receive untyped events
type Seen = { event: any; context: any };
const recorder = (answer: (event: { body: Record<string, unknown> }) => unknown = () => undefined) => {
  const seen: Seen[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: consumers receive untyped events
  const handler = async (event: any, context: any) => {
    seen.push({ event, context });
    return answer(event);
  };
  return { seen, handler };
};

describe('@forge/events queues', () => {
  it('delivers pushed events in Forge shape; a delayed one only when due', async () => {
    const queue = new Queue({ key: 'triage' });
    const { jobId } = await queue.push([
      { body: { issueId: '1' } },
      { body: { issueId: '2' } },
      { body: { issueId: '3' }, delayInSeconds: 60 },
    ]);
    expect(h.forge.calls.at(-1)).toMatchObject({
      target: { type: 'fpp', provider: 'app', remote: 'stargate' },
      path: QUEUE_PUBLISH_PATH,
      method: 'POST',
    });
    expect(h.forge.pending('triage')).toHaveLength(3);

    const { seen, handler } = recorder();
    const now = await h.forge.deliver('triage', handler);
    expect(now.map((r) => r.outcome)).toEqual(['done', 'done']);
    expect(seen.map((s) => s.event.body.issueId)).toEqual(['1', '2']);
    const first = seen[0]?.event;
    expect(Object.keys(first).sort()).toEqual(['body', 'eventId', 'jobId', 'queueName']);
    expect(first).toMatchObject({ queueName: 'triage', jobId, eventId: expect.any(String) });
    expect(seen[0]?.context.installContext).toBe(`ari:cloud:jira::site/${h.forge.cloudId}`);
    expect(h.forge.pending('triage').map((e) => e.body)).toEqual([{ issueId: '3' }]);

    h.clock.advance(59_999);
    expect(await h.forge.deliver('triage', handler)).toEqual([]);
    h.clock.advance(1);
    expect((await h.forge.deliver('triage', handler)).map((r) => r.outcome)).toEqual(['done']);
    expect(seen.map((s) => s.event.body.issueId)).toEqual(['1', '2', '3']);
    expect(h.forge.pending('triage')).toEqual([]);
  });

  it('an InvocationError with retryAfter re-queues the event with retryCount 1 and the retry data', async () => {
    await new Queue({ key: 'work' }).push({ body: { n: 1 } });
    const asked = new InvocationError({
      retryAfter: 30,
      retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
      retryData: { attempt: 'one' },
    });
    const { seen, handler } = recorder((e) => (e.body.n === 1 && seen.length === 1 ? asked : 'ok'));
    const [first] = await h.forge.deliver('work', handler);
    expect(first).toMatchObject({ outcome: 'retry', retryCount: 0, retryAt: h.clock.now() + 30_000 });
    expect(await h.forge.deliver('work', handler)).toEqual([]);
    h.clock.advance(30_000);
    const [second] = await h.forge.deliver('work', handler);
    expect(second).toMatchObject({ outcome: 'done', retryCount: 1, returned: 'ok' });
    expect(seen[1]?.event.retryContext).toEqual({
      retryCount: 1,
      retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
      retryData: { attempt: 'one' },
    });
    expect(seen[1]?.event.eventId).toBe(seen[0]?.event.eventId);
  });

  it(`gives up after ${MAX_RETRIES} retries; thrown errors are retried as platform failures`, async () => {
    await new Queue({ key: 'flaky' }).push({ body: {} });
    const { seen, handler } = recorder(() => {
      throw new Error('boom');
    });
    const outcomes: string[] = [];
    for (let i = 0; i <= MAX_RETRIES; i++) {
      for (const r of await h.forge.deliver('flaky', handler)) outcomes.push(r.outcome);
      h.clock.advance(1_000);
    }
    expect(outcomes).toEqual(['retry', 'retry', 'retry', 'retry', 'failed']);
    expect(seen[1]?.event.retryContext.retryReason).toBe('FUNCTION_PLATFORM_UNKNOWN_ERROR');
    expect(h.forge.pending('flaky')).toEqual([]);
  });

  it('refuses more than 50 events: @forge/events before sending, the service if it gets them anyway', async () => {
    const calls = h.forge.calls.length;
    const events = Array.from({ length: 51 }, (_, i) => ({ body: { i } }));
    await expect(new Queue({ key: 'big' }).push(events)).rejects.toBeInstanceOf(TooManyEventsError);
    expect(h.forge.calls.length).toBe(calls);
    // A transport that adds events after the client's check: the service's 400 reaches the app through
    // @forge/events validators.js as InternalServerError.
    const padding: typeof __requestAtlassianAsApp = (path, init) => {
      const request = JSON.parse(String(init?.body));
      return __requestAtlassianAsApp(path, { ...init, body: JSON.stringify({ ...request, payload: events }) });
    };
    const refused = await new Queue({ key: 'big' }, padding).push({ body: {} }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InternalServerError);
    expect((refused as Error).message).toContain('This push contains more than the 50 events allowed.');
    expect(h.forge.pending('big')).toEqual([]);
  });

  it('refuses a delay over 900 s and a push over 200 KB', async () => {
    await expect(new Queue({ key: 'q' }).push({ body: {}, delayInSeconds: 901 })).rejects.toBeInstanceOf(
      InvalidPushSettingsError,
    );
    const bulky = { body: { text: 'x'.repeat(201 * 1024) } };
    const raw = await __requestAtlassianAsApp(QUEUE_PUBLISH_PATH, {
      method: 'POST',
      body: JSON.stringify({ queueName: 'q', jobId: 'j', payload: [bulky], time: new Date().toISOString() }),
    });
    expect([raw.status, (await raw.json()).errorMessage]).toEqual([413, 'The maximum payload size is 200KB.']);
    const late = await __requestAtlassianAsApp(QUEUE_PUBLISH_PATH, {
      method: 'POST',
      body: JSON.stringify({ queueName: 'q', jobId: 'j', payload: [{ body: {}, delayInSeconds: 901 }] }),
    });
    expect(late.status).toBe(400);
    expect(h.forge.pending('q')).toEqual([]);
  });
});
