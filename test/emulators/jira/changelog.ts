import { PRIORITIES, RESOLUTIONS, STATUSES } from './catalog';
import { jiraDate } from './format';
import { userOrNull } from './issue-json';
import type { IssueFields, SiteState, StoredIssue } from './state';

/**
 * `expand=changelog`: the issue's REST writes, oldest first, as PageOfChangelogs. Each write's items are
 * derived by comparing the snapshots before and after it; seeded data has no history.
 */

/**
 * ChangeDetails. The spec types every side as a string: an empty `from`/`to` id is left out and an empty
 * `fromString`/`toString` is '' (Jira itself sends null for some fields).
 */
type Item = Record<string, string>;

type Tracked = {
  id: keyof IssueFields;
  name: string;
  /** [id, display] of a stored value. */
  show: (v: unknown) => [string | null, string | null];
};

const byName = (list: { id: string; name: string }[]) => (v: unknown) => {
  const x = list.find((i) => i.name === v);
  return (x ? [x.id, x.name] : [null, null]) as [string | null, string | null];
};

function tracked(site: SiteState): Tracked[] {
  const user = (v: unknown): [string | null, string | null] =>
    typeof v === 'string' ? [v, site.users.get(v)?.displayName ?? v] : [null, null];
  const text = (v: unknown): [string | null, string | null] => [null, typeof v === 'string' ? v : null];
  const list = (v: unknown): [string | null, string | null] => [
    null,
    Array.isArray(v) && v.length > 0 ? v.join(' ') : null,
  ];
  return [
    { id: 'summary', name: 'summary', show: text },
    { id: 'status', name: 'status', show: byName(STATUSES) },
    { id: 'priority', name: 'priority', show: byName(PRIORITIES) },
    { id: 'resolution', name: 'resolution', show: byName(RESOLUTIONS) },
    { id: 'assignee', name: 'assignee', show: user },
    { id: 'labels', name: 'labels', show: list },
    { id: 'components', name: 'Component', show: list },
  ];
}

function items(site: SiteState, before: IssueFields, after: IssueFields): Item[] {
  return tracked(site).flatMap((t) => {
    if (JSON.stringify(before[t.id]) === JSON.stringify(after[t.id])) return [];
    const [from, fromText] = t.show(before[t.id]);
    const [to, toText] = t.show(after[t.id]);
    const ids = Object.entries({ from, to }).filter((e): e is [string, string] => e[1] !== null);
    const texts = { fromString: fromText ?? '', toString: toText ?? '' };
    return [{ field: t.name, fieldtype: 'jira', fieldId: t.id, ...Object.fromEntries(ids), ...texts }];
  });
}

export function changelogJson(site: SiteState, issue: StoredIssue) {
  const histories = issue.history.flatMap((h, i) => {
    const prev = issue.history[i - 1];
    if (!h.rest || !prev) return [];
    const changed = items(site, prev.record.fields, h.record.fields);
    if (changed.length === 0) return [];
    return [{ id: String(h.seq), author: userOrNull(site, h.author ?? null), created: jiraDate(h.at), items: changed }];
  });
  return { startAt: 0, maxResults: histories.length, total: histories.length, histories };
}
