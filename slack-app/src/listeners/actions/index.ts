import type { App } from '@slack/bolt';
import { ACTION_IDS } from '../../blocks/escalation';
import type { Services } from '../../services';
import { approve } from './approve';
import { decline } from './decline';
import { snooze } from './snooze';

export function registerActions(app: App, s: Services): void {
  app.action(ACTION_IDS.approve, approve(s));
  app.action(ACTION_IDS.decline, decline(s));
  app.action(ACTION_IDS.snooze, snooze(s));
}
