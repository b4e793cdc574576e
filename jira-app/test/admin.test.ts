import { describe, expect, it } from 'vitest';
import { adminCtx, appHarness } from './harness';

const h = appHarness();

const VALID = `version: 1
routing:
  - team: service-desk
    default: true
examples:
  - ticket: { summary: 'Printer jammed' }
    expect: { team: service-desk }
`;

describe('admin page: configuration', () => {
  it('saves a config whose examples pass and serves it back', async () => {
    const saved = await h.resolvers['admin.saveConfig']({ yaml: VALID }, adminCtx(h.agent.accountId));
    expect(saved).toMatchObject({ ok: true });
    const current = await h.resolvers['admin.getConfig']({}, adminCtx(h.agent.accountId));
    expect(current).toMatchObject({ yaml: VALID, source: 'saved' });
  });

  it('refuses a config that fails its own examples, naming the example, and keeps the old one', async () => {
    const failing = VALID.replace('expect: { team: service-desk }', 'expect: { team: network }');
    const r = await h.resolvers['admin.saveConfig']({ yaml: failing }, adminCtx(h.agent.accountId));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failedExamples).toEqual([
      { name: 'examples[0]', problems: [expect.stringContaining('team: expected network, got service-desk')] },
    ]);
    expect((await h.resolvers['admin.getConfig']({}, adminCtx(h.agent.accountId))).yaml).toBe(VALID);
  });

  it('refuses an invalid config with the path of each error', async () => {
    const r = await h.resolvers['admin.saveConfig'](
      { yaml: 'version: 1\nrouting: [ { team: 3 } ]\n' },
      adminCtx(h.agent.accountId),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toContain('routing[0].team');
  });

  it('takes configuration changes only from the admin page module', async () => {
    await expect(
      h.resolvers['admin.saveConfig'](
        { yaml: VALID },
        { accountId: h.agent.accountId, moduleKey: 'switchboard-panel' },
      ),
    ).rejects.toThrow(/admin/);
  });
});
