/**
 * Rendering and querying UI Kit surfaces with the real @forge/react reconciler against the fake host in
 * forge-host.ts (which a test file must load first, see there).
 */
import ForgeReconciler from '@forge/react';
import { act, type ReactElement } from 'react';
import { vi } from 'vitest';
import type { Payload, Result } from '../src/frontend/call';
import type { ResolverName } from '../src/resolvers/api';
import { type Doc, host } from './forge-host';

export { type Doc, host };

type Fakes = { [N in ResolverName]?: (payload: Payload<N>) => Result<N> | Promise<Result<N>> };

/** Sets the resolvers, typed by the resolver API. */
export function fake(resolvers: Fakes): void {
  host.resolvers = resolvers as typeof host.resolvers;
}
export const invoked = (name: ResolverName) => host.invoked.filter((c) => c.name === name).map((c) => c.payload);

/** Lets pending bridge promises and the renders they cause finish. */
export async function settle(ms = 0): Promise<void> {
  await act(async () => {
    if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(ms);
    else await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

export async function render(element: ReactElement): Promise<Doc> {
  const before = host.roots.length;
  await act(async () => ForgeReconciler.render(element));
  await settle();
  const root = host.roots[before];
  if (!root) throw new Error('nothing was rendered');
  return root;
}

export const all = (doc: Doc, match: (d: Doc) => boolean): Doc[] =>
  (match(doc) ? [doc] : []).concat(doc.children.flatMap((c) => all(c, match)));
export const strings = (doc: Doc): string[] => all(doc, (d) => d.type === 'String').map((d) => String(d.props.text));
export const text = (doc: Doc): string => strings(doc).join('\n');
export const ofType = (doc: Doc, type: string) => all(doc, (d) => d.type === type);

export function one(doc: Doc, type: string, label?: string): Doc {
  const found = ofType(doc, type).filter((d) => label === undefined || strings(d).join('') === label);
  if (found.length !== 1) throw new Error(`expected one ${type} "${label ?? ''}", found ${found.length}`);
  return found[0] as Doc;
}
export async function fire(doc: Doc, handler: 'onClick' | 'onChange', arg?: unknown): Promise<void> {
  await act(async () => (doc.props[handler] as (a: unknown) => void)(arg));
  await settle();
}
export const click = (root: Doc, label: string) => fire(one(root, 'Button', label), 'onClick');
export const type = (field: Doc, value: string) => fire(field, 'onChange', { target: { value } });
export const byId = (root: Doc, type: string, id: string) => {
  const found = ofType(root, type).find((d) => String(d.props.id).endsWith(id));
  if (!found) throw new Error(`no ${type} #${id}`);
  return found;
};
