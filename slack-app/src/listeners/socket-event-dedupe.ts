import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { replayGuardFor } from '../http/replay-guard';
import { errorFields } from '../log';
import type { Services } from '../services';

/**
 * Socket Mode only: Slack redelivers an Events API event it thinks was not handled, with the same `event_id`
 * (https://api.slack.com/apis/socket-mode). Over HTTP the receiver drops repeats before Bolt sees them
 * (http/slack-requests.ts); over the socket nothing else would. Bolt acknowledges events before global
 * middleware runs, so this check never delays an ack.
 */
export function socketEventDedupe(s: Services): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const b = body as { type?: unknown; event_id?: unknown };
    if (b.type === 'event_callback' && typeof b.event_id === 'string') {
      const guard = await replayGuardFor(s.db, s.clock, (err) => s.log('replay-record-failed', errorFields(err)));
      if (!(await guard.firstSeen(`slack-event:${b.event_id}`))) {
        s.log('slack-event-repeated', { via: 'socket' });
        return;
      }
    }
    await next();
  };
}
