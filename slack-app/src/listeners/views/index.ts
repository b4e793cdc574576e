import type { App } from '@slack/bolt';
import { DECLINE_VIEW_ID } from '../../blocks/decline-modal';
import type { Services } from '../../services';
import { declineReason } from './decline-reason';

export function registerViews(app: App, s: Services): void {
  app.view(DECLINE_VIEW_ID, declineReason(s));
}
