import type { RespondFn, webApi } from '@slack/bolt';
import { escapeText } from '../../blocks/escape';
import { closedEscalationsText, endPairing, siteName } from '../../forge/end-pairing';
import { sendToForge } from '../../forge/outbound';
import { errorFields } from '../../log';
import type { Services } from '../../services';
import { isWorkspaceAdmin } from '../../slack/admins';
import { listPairings, type Pairing } from '../../store';
import type { CommandCall } from '../payloads';
import { respondEphemeral } from '../reply';

export const NOT_ADMIN_UNPAIR_TEXT = 'Only a Slack workspace admin or owner can unpair Switchboard from a Jira site.';
export const NOT_PAIRED_UNPAIR_TEXT = 'This workspace is not paired with any Jira site.';

/**
 * The Forge web trigger acknowledges `pairing.ended` after two KVS deletes (jira-app flows/webtrigger.ts); an
 * answer slower than this means trouble, and the unpairing goes on without it.
 */
const FORGE_TELL_TIMEOUT_MS = 10_000;

/** The pairing the admin means: the only one, or the one named by site host or tenant id. */
function choose(pairings: Pairing[], named: string | undefined): Pairing | string {
  if (named) {
    const wanted = named.toLowerCase();
    const found = pairings.find((p) => siteName(p).toLowerCase() === wanted || p.tenant.toLowerCase() === wanted);
    if (found) return found;
  } else if (pairings.length === 1 && pairings[0]) return pairings[0];
  const sites = pairings.map((p) => `• \`${escapeText(siteName(p))}\``).join('\n');
  const lead = named
    ? `This workspace is not paired with \`${escapeText(named)}\`. Its Jira sites:`
    : 'This workspace is paired with several Jira sites. Say which to unpair, e.g. `/switchboard unpair <site>`:';
  return `${lead}\n${sites}`;
}

/**
 * `/switchboard unpair [site]` (already acknowledged; workspace admins only). Forge is told first, signed with
 * the pairing's secret while this side still has it; then this side forgets the site (forge/end-pairing.ts).
 * If Forge cannot be reached the unpairing still happens here, and the reply says that the Jira admin page
 * should unpair too: until then the site's events are refused as "not paired".
 */
export async function unpairCommand(
  s: Services,
  slack: { client: webApi.WebClient; respond: RespondFn },
  call: CommandCall,
): Promise<void> {
  const tell = (text: string) => respondEphemeral(s, slack.respond, text);
  try {
    if (!(await isWorkspaceAdmin(slack.client, call.userId))) {
      s.log('unpair-refused', { reason: 'not admin' });
      return tell(NOT_ADMIN_UNPAIR_TEXT);
    }
  } catch (err) {
    s.log('unpair-admin-check-failed', errorFields(err));
    return tell('Slack did not answer in time; try `/switchboard unpair` again.');
  }
  const pairings = await listPairings(s.db.pool, s.encryptionKey, call.teamId);
  if (pairings.length === 0) return tell(NOT_PAIRED_UNPAIR_TEXT);
  const [, named] = call.text.split(/\s+/).filter(Boolean);
  const pairing = choose(pairings, named);
  if (typeof pairing === 'string') return tell(pairing);

  let forgeTold = true;
  try {
    await sendToForge(s, { tenant: pairing.tenant, body: { kind: 'pairing.ended' } }, FORGE_TELL_TIMEOUT_MS);
  } catch (err) {
    forgeTold = false;
    s.log('unpair-forge-not-told', { tenant: pairing.tenant, ...errorFields(err) });
  }
  const ended = await endPairing(s, pairing);
  await tell(
    [
      `Unpaired the Jira site \`${escapeText(siteName(pairing))}\`.`,
      closedEscalationsText(ended.closedEscalationIds.length),
      forgeTold
        ? ''
        : 'Jira could not be told just now: a Jira admin should also press "Unpair Slack" on the Switchboard admin page.',
    ]
      .filter(Boolean)
      .join(' '),
  );
}
