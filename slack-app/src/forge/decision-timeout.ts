import { decisionNoAnswerMessage } from '../blocks/decision';
import type { Services } from '../services';
import { postEphemeralResponse } from '../slack/response-url';
import { claimUnansweredDecisionQuery, releaseUnansweredDecisionQuery } from '../store';

/**
 * How long `/switchboard KEY` waits for the paired sites before telling the caller. Forge answers from a queue
 * consumer, usually within seconds; a site that is down, unpaired on its side or rate limited would otherwise
 * leave the caller with "Looking up…" and nothing after it.
 */
export const DECISION_ANSWER_WAIT_MS = 60_000;

/** `decision-query-timeout`: if no answer was shown yet, say so once; a later answer is then not shown. */
export async function onDecisionQueryTimeout(s: Services, queryId: string): Promise<void> {
  const claimed = await claimUnansweredDecisionQuery(s.db.pool, s.encryptionKey, queryId, s.clock());
  if (!claimed) return;
  s.log('decision-query-unanswered', { sites: claimed.silent.length });
  try {
    await postEphemeralResponse(
      s,
      claimed.target.responseUrl,
      decisionNoAnswerMessage(claimed.issueKey, Math.max(1, claimed.silent.length)),
    );
  } catch (err) {
    await releaseUnansweredDecisionQuery(s.db.pool, queryId);
    throw err;
  }
}
