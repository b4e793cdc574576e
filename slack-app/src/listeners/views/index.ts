import type { App } from '@slack/bolt';
import { DECLINE_VIEW_ID } from '../../blocks/decline-modal';
import { PAIR_VIEW_ID } from '../../blocks/pair-modal';
import { REQUEST_VIEW_ID } from '../../blocks/request-modal';
import type { Services } from '../../services';
import { createRequestSubmission } from './create-request';
import { declineReason } from './decline-reason';
import { pairSubmission } from './pair';

export function registerViews(app: App, s: Services): void {
  app.view(DECLINE_VIEW_ID, declineReason(s));
  app.view(PAIR_VIEW_ID, pairSubmission(s));
  app.view(REQUEST_VIEW_ID, createRequestSubmission(s));
}
