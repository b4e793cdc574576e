import { getAppContext } from '@forge/api';
import { describe, expect, it } from 'vitest';
import type { WebTriggerRequest } from './index';
import { useForge } from './testkit';

const h = useForge();

describe('webTriggerFetch: the web triggers front door', () => {
  it("invokes the module's function with Forge's request shape and answers its response", async () => {
    const seen: { request: WebTriggerRequest; module: string }[] = [];
    const fetchTrigger = h.forge.webTriggerFetch({
      hook: (request) => {
        seen.push({ request, module: getAppContext().moduleKey });
        return { statusCode: 202, headers: { 'Content-Type': ['application/json'] }, body: '{"accepted":true}' };
      },
    });
    const res = await fetchTrigger(`${h.forge.webTriggerUrl('hook')}/extra?a=1&a=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-thing': 'v' },
      body: '{"hello":1}',
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ accepted: true });
    expect(seen).toEqual([
      {
        module: 'hook',
        request: expect.objectContaining({
          method: 'POST',
          userPath: '/extra',
          headers: expect.objectContaining({ 'x-thing': ['v'] }),
          queryParameters: { a: ['1', '2'] },
          body: '{"hello":1}',
        }),
      },
    ]);
  });

  it('answers 500 for a result that is not a response and for a throw, which it keeps', async () => {
    const fetchTrigger = h.forge.webTriggerFetch({
      empty: () => undefined,
      broken: () => {
        throw new Error('boom');
      },
    });
    expect((await fetchTrigger(h.forge.webTriggerUrl('empty'), { method: 'POST' })).status).toBe(500);
    expect((await fetchTrigger(h.forge.webTriggerUrl('broken'), { method: 'POST' })).status).toBe(500);
    expect(h.forge.webTriggerErrors.map((e) => e.moduleKey)).toEqual(['broken']);
  });

  it('fails like an unreachable host for any other URL, another module of the app included', async () => {
    const fetchTrigger = h.forge.webTriggerFetch({ hook: () => ({ statusCode: 200, body: '' }) });
    await expect(fetchTrigger(h.forge.webTriggerUrl('other'), { method: 'POST' })).rejects.toThrow(TypeError);
    await expect(fetchTrigger('https://example.com/x1/abc', { method: 'POST' })).rejects.toThrow(TypeError);
  });
});
