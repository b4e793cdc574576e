import { ForgeKvsAPIError, kvs, MetadataField, WhereConditions } from '@forge/kvs';
import { describe, expect, it } from 'vitest';
import { MAX_VALUE_BYTES } from './kvs-store';
import { useForge } from './testkit';

const h = useForge();

/** The error @forge/kvs raises, or a failure if the call succeeded. */
async function kvsError(p: Promise<unknown>): Promise<ForgeKvsAPIError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof ForgeKvsAPIError)) throw new Error(`expected ForgeKvsAPIError, got ${String(e)}`);
  return e;
}

describe('@forge/kvs against the emulator', () => {
  it('set, get, delete; a missing key reads as undefined', async () => {
    await kvs.set('config:team', { name: 'service-desk', size: 3 });
    expect(await kvs.get('config:team')).toEqual({ name: 'service-desk', size: 3 });
    expect(h.forge.kvs.get('config:team')).toEqual({ name: 'service-desk', size: 3 });
    await kvs.delete('config:team');
    expect(await kvs.get('config:team')).toBeUndefined();
    await kvs.delete('config:team'); // deleting twice is fine, as with Forge
    expect(h.forge.calls.filter((c) => c.path === '/api/v1/delete')).toHaveLength(2);
  });

  it('FAIL_IF_EXISTS: the second set fails with ForgeKvsAPIError (409) and keeps the first value', async () => {
    await kvs.set('dedupe:SUP-1', 1, { keyPolicy: 'FAIL_IF_EXISTS' });
    const e = await kvsError(kvs.set('dedupe:SUP-1', 2, { keyPolicy: 'FAIL_IF_EXISTS' }));
    expect(e.responseDetails.status).toBe(409);
    expect(e.code).toBe('KEY_ALREADY_EXISTS');
    expect(await kvs.get('dedupe:SUP-1')).toBe(1);
  });

  it('a TTL expires on the injected clock, after which FAIL_IF_EXISTS succeeds again', async () => {
    await kvs.set('lock:a', 'held', { ttl: { value: 5, unit: 'MINUTES' }, keyPolicy: 'FAIL_IF_EXISTS' });
    const meta = await kvs.get('lock:a', { metadataFields: [MetadataField.EXPIRE_TIME] });
    expect(meta).toEqual({
      key: 'lock:a',
      value: 'held',
      expireTime: new Date(h.clock.now() + 300_000).toISOString().replace('.000Z', 'Z'),
    });
    h.clock.advance(299_999);
    expect(await kvs.get('lock:a')).toBe('held');
    h.clock.advance(1);
    expect(await kvs.get('lock:a')).toBeUndefined();
    await kvs.set('lock:a', 'again', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await kvs.get('lock:a')).toBe('again');
  });

  it('returnValue gives the previous or the latest value', async () => {
    await kvs.set('counter', 1);
    const previous = await kvs.set('counter', 2, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    expect(previous).toEqual({ key: 'counter', value: 1 });
    const latest = await kvs.set('counter', 3, { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' });
    expect(latest).toEqual({ key: 'counter', value: 3 });
  });

  it('query beginsWith pages in key order with a cursor, and leaves out other prefixes and secrets', async () => {
    for (const n of [3, 1, 5, 2, 4]) await kvs.set(`job:${n}`, n);
    await kvs.set('jobless', 0);
    await kvs.setSecret('job:secret', 'x');
    const first = await kvs.query().where('key', WhereConditions.beginsWith('job:')).limit(2).getMany<number>();
    expect(first.results.map((r) => r.key)).toEqual(['job:1', 'job:2']);
    expect(first.nextCursor).toBeDefined();
    const rest: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await kvs.query().where('key', WhereConditions.beginsWith('job:')).limit(2).cursor(cursor).getMany();
      rest.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
    }
    expect(rest).toEqual(['job:3', 'job:4', 'job:5']);
  });

  it('refuses a page size over 100 as the service does', async () => {
    const e = await kvsError(kvs.query().limit(101).getMany());
    expect(e.code).toBe('LIST_QUERY_LIMIT_EXCEEDED');
  });

  it('secrets live apart from plain keys', async () => {
    await kvs.setSecret('slack:signing', 's3cret');
    expect(await kvs.getSecret('slack:signing')).toBe('s3cret');
    expect(await kvs.get('slack:signing')).toBeUndefined();
    expect(h.forge.kvs.getSecret('slack:signing')).toBe('s3cret');
    await kvs.deleteSecret('slack:signing');
    expect(await kvs.getSecret('slack:signing')).toBeUndefined();
  });

  it('enforces key length, key syntax and value size (DESIGN §5)', async () => {
    expect((await kvsError(kvs.set('k'.repeat(501), 1))).code).toBe('KEY_TOO_LONG');
    await kvs.set('k'.repeat(500), 1);
    expect((await kvsError(kvs.set('a/b', 1))).code).toBe('INVALID_KEY');
    const big = 'x'.repeat(MAX_VALUE_BYTES);
    const e = await kvsError(kvs.set('big', big));
    expect([e.responseDetails.status, e.code]).toEqual([400, 'MAX_SIZE']);
    await kvs.set('fits', 'x'.repeat(MAX_VALUE_BYTES - 2)); // two bytes of JSON quotes
  });

  it('batch set/get report per-key outcomes', async () => {
    const set = await kvs.batchSet([
      { key: 'b:1', value: 1 },
      { key: 'bad/key', value: 2 },
    ]);
    expect(set.successfulKeys).toEqual([{ key: 'b:1' }]);
    expect(set.failedKeys).toEqual([{ key: 'bad/key', error: { code: 'INVALID_KEY', message: expect.any(String) } }]);
    const got = await kvs.batchGet([{ key: 'b:1' }, { key: 'b:missing' }]);
    expect(got.successfulKeys).toEqual([{ key: 'b:1', value: 1 }]);
    expect(got.failedKeys.map((f) => f.error.code)).toEqual(['KEY_NOT_FOUND']);
  });

  it('transactions are not emulated and say so', async () => {
    await expect(kvs.transact().set('t', 1).execute()).rejects.toThrow(/KVS \/api\/v1\/transaction is not emulated/);
  });
});
