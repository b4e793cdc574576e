import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { homeView } from '../../blocks/home';
import { VIEW_BLOCK_LIMIT } from '../../blocks/limits';
import type { Services } from '../../services';
import { getIdentityLink, listOpenEscalations } from '../../store';
import { parseHomeOpened } from '../payloads';

/** How many pending approvals the Home tab lists, oldest first; it holds at most 100 blocks. */
const PENDING_SHOWN = 20;
/** How many requests at risk it lists, most urgent first. */
const AT_RISK_SHOWN = 20;
/** Headers, divider, the "more" line and the empty-list lines around the two lists. */
const OTHER_BLOCKS = 6;
if (PENDING_SHOWN + AT_RISK_SHOWN + OTHER_BLOCKS > VIEW_BLOCK_LIMIT)
  throw new Error('App Home would exceed its block limit');

/**
 * App Home: the viewer's pending approvals (open escalations of the Jira site they are linked to, except their
 * own requests) and the requests at risk of the sites paired with the viewer's workspace. Events are acknowledged
 * by Bolt before listeners run.
 */
export function appHomeOpened(s: Services) {
  return async ({ body, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    const opened = parseHomeOpened(body);
    if (!opened) return;
    const link = await getIdentityLink(s.db.pool, opened.teamId, opened.userId);
    if (!link) {
      await client.views.publish({ user_id: opened.userId, view: homeView({ linked: false }) });
      return;
    }
    // One more than shown, to know whether there are more.
    const open = await listOpenEscalations(s.db.pool, link.tenant, PENDING_SHOWN + 1);
    const mine = open.filter((e) => e.requesterAccountId !== link.accountId);
    const view = homeView({
      linked: true,
      pending: mine.slice(0, PENDING_SHOWN),
      moreThanShown: open.length > PENDING_SHOWN,
      // The workspace's own sites, whichever site the viewer is linked to: another workspace's alerts stay there.
      atRisk: await s.atRisk.forWorkspace(opened.teamId, s.clock(), AT_RISK_SHOWN),
    });
    await client.views.publish({ user_id: opened.userId, view });
  };
}
