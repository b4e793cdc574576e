import type { FullContext } from '@forge/bridge';
import { useProductContext } from '@forge/react';

/**
 * The key of the issue or project a module is shown on. Forge types `extension` as an open record,
 * so read it defensively: a module shown in the wrong place should say so, not crash.
 */
export function extensionKey(context: FullContext | undefined, entity: 'issue' | 'project'): string | undefined {
  const holder: unknown = context?.extension[entity];
  if (typeof holder !== 'object' || holder === null) return undefined;
  const key: unknown = (holder as { key?: unknown }).key;
  return typeof key === 'string' && key !== '' ? key : undefined;
}

/** The viewer's time zone from their Atlassian profile, so times read the same as elsewhere in Jira. */
export function useTimeZone(): string | undefined {
  return useProductContext()?.timezone;
}
