import { decisionMessage, decisionNotFoundMessage } from '../blocks/decision';
import type { Services } from '../services';
import { postEphemeralResponse } from '../slack/response-url';
import { type Pairing, recordDecisionAnswer, releaseDecisionAnswer } from '../store';
import type { ForgeEventOf } from './events';

/**
 * `decision.answer`: one site's answer to `/switchboard KEY`. Only a query this site was asked, for this
 * workspace and issue, within its response_url's life, is answered; the first "found" is shown, "not found" only
 * when every site asked said so. Posting failed for a reason that may pass: the answer is given back, and the
 * error makes Forge send it again.
 */
export async function onDecisionAnswer(
  s: Services,
  pairing: Pairing,
  e: ForgeEventOf<'decision.answer'>,
): Promise<void> {
  const view = e.found ? e.view : undefined;
  const outcome = await recordDecisionAnswer(s.db.pool, s.encryptionKey, {
    id: e.queryId,
    tenant: pairing.tenant,
    teamId: pairing.teamId,
    issueKey: e.issueKey,
    found: view !== undefined,
    now: s.clock(),
  });
  if (outcome.kind !== 'show') {
    s.log('decision-answer-not-shown', { tenant: pairing.tenant, reason: outcome.kind });
    return;
  }
  const message = view ? decisionMessage(e.issueKey, view) : decisionNotFoundMessage(e.issueKey);
  let posted: 'posted' | 'gone';
  try {
    posted = await postEphemeralResponse(s, outcome.target.responseUrl, message);
  } catch (err) {
    await releaseDecisionAnswer(s.db.pool, e.queryId, pairing.tenant);
    throw err;
  }
  if (posted === 'gone') s.log('decision-answer-undeliverable', { tenant: pairing.tenant });
}
