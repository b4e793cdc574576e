import { SimilarityIndex, type Ticket, ticketText } from '@switchboard/shared';
import type { KeyValue } from '../platform';

/**
 * Recent requests for duplicate and incident grouping (DESIGN §2, flow 1). Each triaged request is one KVS
 * key that sorts newest first (the key holds 10^13 minus its creation time), expiring after RECENT_TTL, so
 * concurrent consumers never overwrite each other and no cleanup job is needed. Triage reads the newest
 * RECENT_MAX of them: a few KVS queries, no Jira call.
 */
const PREFIX = 'recent:';
const RECENT_TTL_SECONDS = 30 * 86_400;
export const RECENT_MAX = 500;
const PAGE = 100;
/** Text kept per request: enough for TF-IDF to find a duplicate, small enough for 500 in a few queries. */
const MAX_TEXT = 600;

interface RecentEntry {
  key: string;
  summary: string;
  text: string;
  created: number;
}

const recentKey = (created: number, issueId: string) =>
  `${PREFIX}${String(1e13 - created).padStart(13, '0')}:${issueId}`;

export async function recentIndex(kv: KeyValue): Promise<SimilarityIndex> {
  const index = new SimilarityIndex();
  const entries = await kv.list<RecentEntry>(PREFIX, RECENT_MAX, PAGE);
  for (const { value } of entries) index.add(value);
  return index;
}

export async function remember(kv: KeyValue, issueId: string, ticket: Ticket, created: number): Promise<void> {
  const text = ticketText(ticket);
  await kv.set<RecentEntry>(
    recentKey(created, issueId),
    { key: ticket.key ?? issueId, summary: ticket.summary.slice(0, 200), text: text.all.slice(0, MAX_TEXT), created },
    RECENT_TTL_SECONDS,
  );
}
