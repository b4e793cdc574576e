/**
 * The Forge host faked at its one edge: `globalThis.__bridge.callBridge`, which both @forge/bridge (invoke,
 * getContext, createHistory) and the @forge/react reconciler (it sends each rendered ForgeDoc tree as 'reconcile')
 * talk to. vi.mock('@forge/bridge') would not reach the copy that @forge/react's CommonJS build requires for
 * useProductContext, so the fake sits one level down. @forge/bridge reads the global as its modules load, so this
 * module installs it on import and a test file loads it ahead of its own imports:
 * `await vi.hoisted(() => import('./forge-host'))`. Nothing here may import @forge/*.
 */

export interface Doc {
  type: string;
  props: Record<string, unknown>;
  children: Doc[];
}

export const host = {
  context: {} as Record<string, unknown>,
  /** What the host's history says the page's location is; undefined = the bridge gives no history. */
  search: undefined as string | undefined,
  resolvers: {} as Record<string, (payload: unknown) => unknown>,
  invoked: [] as { name: string; payload: unknown }[],
  roots: [] as Doc[],
};

const g = globalThis as Record<string, unknown>;
// The reconciler reads `self.__bridge` (a browser global); @forge/bridge reads `globalThis.__bridge`.
g.self = globalThis;
g.IS_REACT_ACT_ENVIRONMENT = true;
g.__bridge = {
  callBridge: async (cmd: string, data: { functionKey: string; payload: unknown; forgeDoc: Doc }) => {
    if (cmd === 'getContext') return host.context;
    if (cmd === 'createHistory') {
      return host.search === undefined ? undefined : { location: { search: host.search }, listen: () => {} };
    }
    if (cmd === 'reconcile' && !host.roots.includes(data.forgeDoc)) host.roots.push(data.forgeDoc);
    if (cmd !== 'invoke') return undefined;
    host.invoked.push({ name: data.functionKey, payload: data.payload });
    const resolver = host.resolvers[data.functionKey];
    if (!resolver) throw new Error(`no fake for ${data.functionKey}`);
    return resolver(data.payload);
  },
};
