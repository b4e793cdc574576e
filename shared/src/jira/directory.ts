import type { UserRef } from '../model/tracker';

/** Mapping of Jira's user and permission answers; the calls themselves live in the tracker. */

type Obj = Record<string, unknown>;

export function toUserRef(u: unknown): UserRef {
  const o = (u ?? {}) as Obj;
  return { accountId: String(o.accountId ?? ''), displayName: String(o.displayName ?? '') };
}

/** GET /rest/api/3/user/groups answers GroupName[]. */
export function groupNames(body: unknown): string[] {
  return Array.isArray(body)
    ? body.flatMap((g) => (typeof (g as Obj)?.name === 'string' ? [(g as Obj).name as string] : []))
    : [];
}

/** GET /rest/api/3/mypermissions: `{permissions: {KEY: {havePermission}}}`; a key Jira left out is false. */
export function permissionFlags(body: unknown, asked: string[]): Record<string, boolean> {
  const perms = ((body ?? {}) as Obj).permissions as Record<string, Obj> | undefined;
  return Object.fromEntries(asked.map((k) => [k, perms?.[k]?.havePermission === true]));
}

/** A PageBean (`values`, `isLast`, `startAt`, `total`), as group members come. */
export function pageValues(body: unknown): { values: unknown[]; isLast: boolean } {
  const o = (body ?? {}) as Obj;
  const values = Array.isArray(o.values) ? o.values : [];
  const isLast =
    o.isLast === true ||
    values.length === 0 ||
    (typeof o.total === 'number' && typeof o.startAt === 'number' && o.startAt + values.length >= o.total);
  return { values, isLast };
}
