/** Wire formats shared by all routes: Jira's date format, ADF, and user JSON. */

export interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
  attrs?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface AdfDoc {
  type: 'doc';
  version: number;
  content: AdfNode[];
  [key: string]: unknown;
}

/** A one-paragraph ADF document (REST v3 takes and returns rich text only as ADF). */
export function adf(text: string): AdfDoc {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] };
}

const BLOCK_NODES = new Set(['paragraph', 'heading', 'listItem', 'codeBlock', 'blockquote', 'rule', 'tableRow']);

/** Plain text of an ADF document: text nodes joined, one line per block. */
export function adfToText(doc: unknown): string {
  const lines: string[] = [];
  let line = '';
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const n = node as AdfNode;
    if (n.type === 'text' && typeof n.text === 'string') line += n.text;
    else if (n.type === 'hardBreak') line += '\n';
    else if (n.type === 'mention' && typeof n.attrs?.text === 'string') line += n.attrs.text;
    for (const child of Array.isArray(n.content) ? n.content : []) walk(child);
    if (BLOCK_NODES.has(n.type)) {
      lines.push(line);
      line = '';
    }
  };
  walk(doc);
  if (line) lines.push(line);
  return lines.join('\n');
}

/** What REST v3 accepts as a rich-text value: a `doc` node with a content array. */
export function isAdfDoc(value: unknown): value is AdfDoc {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { type?: unknown; content?: unknown };
  return v.type === 'doc' && Array.isArray(v.content);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Jira's timestamp format, always UTC here: `2024-01-31T10:00:00.000+0000`. */
export function jiraDate(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** JSM's DateDTO: the same instant four ways. */
export function dateDto(ms: number) {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const friendly = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${pad(d.getUTCFullYear() % 100)} ${pad(h % 12 === 0 ? 12 : h % 12)}:${pad(d.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
  return { iso8601: jiraDate(ms).replace(/\.\d{3}/, ''), jira: jiraDate(ms), friendly, epochMillis: ms };
}

/** JSM's DurationDTO; `friendly` like the portal shows it: `2h 5m`, `-30m`. */
export function durationDto(millis: number) {
  const minutes = Math.trunc(Math.abs(millis) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const text = h > 0 ? (m > 0 ? `${h}h ${m}m` : `${h}h`) : `${m}m`;
  return { millis, friendly: millis < 0 ? `-${text}` : text };
}

export interface UserLike {
  accountId: string;
  displayName: string;
  email: string;
  accountType: 'atlassian' | 'app' | 'customer';
}

function avatarUrls(accountId: string) {
  const base = `https://secure.gravatar.com/avatar/${encodeURIComponent(accountId)}?d=mm&s=`;
  return { '48x48': `${base}48`, '24x24': `${base}24`, '16x16': `${base}16`, '32x32': `${base}32` };
}

/** Jira's UserDetails (comment authors, group members, issue user fields): no locale, no groups. */
export function userDetailsJson(baseUrl: string, u: UserLike) {
  return {
    self: `${baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(u.accountId)}`,
    accountId: u.accountId,
    ...(u.accountType === 'app' ? {} : { emailAddress: u.email }),
    avatarUrls: avatarUrls(u.accountId),
    displayName: u.displayName,
    active: true,
    timeZone: 'Etc/UTC',
    accountType: u.accountType,
  };
}

/** Jira's User (myself, user): UserDetails plus locale, and groups/applicationRoles when expanded. */
export function userJson(baseUrl: string, u: UserLike, groups?: { name: string; groupId: string }[]) {
  const json: Record<string, unknown> = { ...userDetailsJson(baseUrl, u), locale: 'en_US' };
  if (groups) {
    json.groups = { size: groups.length, items: groups.map((g) => groupJson(baseUrl, g)) };
    json.applicationRoles = { size: 0, items: [] };
    json.expand = 'groups,applicationRoles';
  }
  return json;
}

export function groupJson(baseUrl: string, g: { name: string; groupId: string }) {
  return { name: g.name, groupId: g.groupId, self: `${baseUrl}/rest/api/3/group?groupId=${g.groupId}` };
}

/** JSM's UserDTO (approvers). */
export function jsmUserJson(baseUrl: string, u: UserLike) {
  return {
    accountId: u.accountId,
    emailAddress: u.email,
    displayName: u.displayName,
    active: true,
    timeZone: 'Etc/UTC',
    _links: {
      jiraRest: `${baseUrl}/rest/api/2/user?accountId=${encodeURIComponent(u.accountId)}`,
      avatarUrls: avatarUrls(u.accountId),
      self: `${baseUrl}/rest/api/2/user?accountId=${encodeURIComponent(u.accountId)}`,
    },
  };
}
