import { Filter, FilterConditions, ForgeKvsAPIError, kvs, Sort, WhereConditions } from '@forge/kvs';
import { describe, expect, it } from 'vitest';
import type { EntityDefinition } from './index';
import { useForge } from './testkit';

/** The manifest's `app.storage.entities` form: one partitioned index and one plain one. */
const ENTITIES: EntityDefinition[] = [
  {
    name: 'audit',
    attributes: {
      issueKey: { type: 'string' },
      at: { type: 'integer' },
      kind: { type: 'string' },
      data: { type: 'any' },
    },
    indexes: [{ name: 'by-issue', partition: ['issueKey'], range: ['at'] }, 'kind'],
  },
];

const h = useForge({ entities: ENTITIES });

type Audit = { issueKey: string; at: number; kind: string; data?: unknown };
const audit = () => kvs.entity<Audit>('audit');

async function seed() {
  const rows: [string, Audit][] = [
    ['a1', { issueKey: 'SUP-1', at: 30, kind: 'triage' }],
    ['a2', { issueKey: 'SUP-1', at: 10, kind: 'triage' }],
    ['a3', { issueKey: 'SUP-2', at: 20, kind: 'escalation' }],
    ['a4', { issueKey: 'SUP-1', at: 20, kind: 'escalation', data: { by: 'x' } }],
    ['a5', { issueKey: 'SUP-1', at: 40, kind: 'triage' }],
  ];
  for (const [k, v] of rows) await audit().set(k, v);
}

const keys = (r: { results: { key: string }[] }) => r.results.map((x) => x.key);

describe('custom entities through @forge/kvs', () => {
  it('set, get and delete one entity', async () => {
    await audit().set('one', { issueKey: 'SUP-9', at: 1, kind: 'triage' });
    expect(await audit().get('one')).toEqual({ issueKey: 'SUP-9', at: 1, kind: 'triage' });
    expect(h.forge.kvs.getEntity('audit', 'one')).toMatchObject({ issueKey: 'SUP-9' });
    expect(await kvs.get('one')).toBeUndefined(); // entities are not plain keys
    await audit().delete('one');
    expect(await audit().get('one')).toBeUndefined();
  });

  it('queries an index by partition, ordered by its range, both ways, in pages', async () => {
    await seed();
    const asc = await audit()
      .query()
      .index('by-issue', { partition: ['SUP-1'] })
      .getMany();
    expect(keys(asc)).toEqual(['a2', 'a4', 'a1', 'a5']);
    const desc = await audit()
      .query()
      .index('by-issue', { partition: ['SUP-1'] })
      .sort(Sort.DESC)
      .limit(3)
      .getMany();
    expect(keys(desc)).toEqual(['a5', 'a1', 'a4']);
    const next = await audit()
      .query()
      .index('by-issue', { partition: ['SUP-1'] })
      .sort(Sort.DESC)
      .limit(3)
      .cursor(desc.nextCursor ?? '')
      .getMany();
    expect([keys(next), next.nextCursor]).toEqual([['a2'], undefined]);
  });

  it('applies a range condition and filters', async () => {
    const ranged = await audit()
      .query()
      .index('by-issue', { partition: ['SUP-1'] })
      .where(WhereConditions.between(15, 35))
      .getMany();
    expect(keys(ranged)).toEqual(['a4', 'a1']);
    const filtered = await audit()
      .query()
      .index('by-issue', { partition: ['SUP-1'] })
      .filters(
        new Filter<Audit>().and('kind', FilterConditions.equalTo('triage')).and('at', FilterConditions.greaterThan(10)),
      )
      .getMany();
    expect(keys(filtered)).toEqual(['a1', 'a5']);
    const byKind = await audit().query().index('kind').where(WhereConditions.beginsWith('esc')).getMany();
    expect(keys(byKind)).toEqual(['a3', 'a4']);
  });

  it('refuses what the Custom Entity Store refuses', async () => {
    const err = async (p: Promise<unknown>) => {
      const e = await p.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ForgeKvsAPIError);
      return (e as ForgeKvsAPIError).code;
    };
    expect(await err(audit().set('x', { issueKey: 'SUP-1', at: 1.5, kind: 'triage' }))).toBe('INVALID_ENTITY_VALUE');
    expect(await err(audit().set('x', { issueKey: 'SUP-1', at: 1, kind: 'triage', extra: 1 } as Audit))).toBe(
      'INVALID_ENTITY_VALUE',
    );
    expect(await err(kvs.entity('undeclared').get('x'))).toBe('INVALID_ENTITY_TYPE');
    expect(
      await err(
        audit()
          .query()
          .index('by-field', { partition: ['x'] })
          .getMany(),
      ),
    ).toBe('INVALID_ENTITY_INDEX');
    expect(await err(audit().query().index('by-issue').getMany())).toBe('BAD_REQUEST'); // partition missing
    expect(await err(audit().query().index('kind').limit(101).getMany())).toBe('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
  });

  it('an entity with a TTL drops out of its index when it expires', async () => {
    await audit().set('short', { issueKey: 'SUP-7', at: 1, kind: 'triage' }, { ttl: { value: 30, unit: 'SECONDS' } });
    const before = await audit()
      .query()
      .index('by-issue', { partition: ['SUP-7'] })
      .getMany();
    expect(keys(before)).toEqual(['short']);
    h.clock.advance(30_000);
    const after = await audit()
      .query()
      .index('by-issue', { partition: ['SUP-7'] })
      .getMany();
    expect(keys(after)).toEqual([]);
  });
});
