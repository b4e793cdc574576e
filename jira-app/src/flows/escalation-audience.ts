import { createHash } from 'node:crypto';
import {
  type ApproverSet,
  type EscalationTiming,
  escalationTiming,
  isNotFound,
  isSwitchboardError,
  type TriageConfig,
} from '@switchboard/shared';
import { log } from '../log';
import type { Platform } from '../platform';
import { PAIRING_KEY } from './slack-out';

/**
 * A group's members are read from Jira at most once per this long, so a burst of escalations costs one Jira call,
 * not one each (DESIGN §4: at most 2 Jira calls per triaged ticket). A member added in Jira is asked at most this
 * much later.
 */
const GROUP_CACHE_TTL_SECONDS = 600;
const GROUP_CACHE_PREFIX = 'cache:group-members:';
/**
 * Most accounts one escalation names; the Slack service refuses longer lists (slack-app/src/forge/events.ts).
 * Also keeps a cached group far below the KVS value limit of 240 KiB (DESIGN §5,
 * https://developer.atlassian.com/platform/forge/limits-kvs-procedure/).
 */
export const MAX_AUDIENCE = 1000;
/** Atlassian accountIds are at most 128 characters; a longer config entry is a typo the Slack service refuses. */
const MAX_ACCOUNT_ID = 128;

export interface EscalationAudience {
  /**
   * accountIds who may decide. Left out when the config names nobody who could be found: an empty list would
   * leave the escalation undecidable in Slack, so the Slack service keeps its own rule instead (every linked user
   * may click; Jira still checks the approver when Forge answers as them).
   */
  approvers?: string[];
  /** Added to the approvers once `fallbackAfter` passes without a decision; empty when none are configured. */
  fallbackApprovers: string[];
  timing: EscalationTiming;
}

/**
 * Who an escalation asks, and when, from the site's config: its accountIds plus the members of its Jira group.
 * Nothing is sent to an unpaired site, so nothing is read for one either.
 */
export async function escalationAudience(p: Platform, config: TriageConfig): Promise<Partial<EscalationAudience>> {
  if (!(await p.kv.get(PAIRING_KEY))) return {};
  const approvers = await accountsOf(p, config.escalation.approvers);
  return {
    ...(approvers.length > 0 ? { approvers } : {}),
    fallbackApprovers: await accountsOf(p, config.escalation.fallbackApprovers),
    timing: escalationTiming(config.escalation),
  };
}

async function accountsOf(p: Platform, set: ApproverSet): Promise<string[]> {
  const members = set.jiraGroup ? await groupMembers(p, set.jiraGroup) : [];
  const all = [...new Set([...set.accountIds, ...members])].filter(
    (id) => id.length > 0 && id.length <= MAX_ACCOUNT_ID,
  );
  if (all.length > MAX_AUDIENCE) log('escalation-audience-truncated', { accounts: all.length, kept: MAX_AUDIENCE });
  return all.slice(0, MAX_AUDIENCE);
}

/**
 * The group's accountIds, from KVS when read in the last ten minutes. A group Jira does not know has no members
 * (cached too: it will not appear by asking again); any other failure leaves the escalation with the listed
 * accountIds only, uncached, because failing here would lose the escalation: the request is already written.
 */
async function groupMembers(p: Platform, group: string): Promise<string[]> {
  // Group names may hold characters KVS keys may not, and be long: the key names the group by its hash.
  const key = `${GROUP_CACHE_PREFIX}${createHash('sha256').update(group, 'utf8').digest('hex')}`;
  const cached = await p.kv.get<{ accountIds: string[] }>(key);
  if (cached) return cached.accountIds;
  let accountIds: string[];
  try {
    accountIds = (await p.jira().groupMembers(group)).map((u) => u.accountId).slice(0, MAX_AUDIENCE);
  } catch (e) {
    if (!isNotFound(e)) {
      log('group-members-failed', { code: isSwitchboardError(e) ? e.code : 'unknown' });
      return [];
    }
    log('group-not-found');
    accountIds = [];
  }
  await p.kv.set(key, { accountIds }, GROUP_CACHE_TTL_SECONDS);
  return accountIds;
}
