import type { App } from '@slack/bolt';
import type { Services } from '../../services';
import { CREATE_REQUEST_CALLBACK_ID, createRequestShortcut } from './create-request';

/** The callback ids here are the manifest's `features.shortcuts` (slack-app/test/manifest.test.ts). */
export const SHORTCUT_CALLBACK_IDS = [CREATE_REQUEST_CALLBACK_ID] as const;

export function registerShortcuts(app: App, s: Services): void {
  app.shortcut({ callback_id: CREATE_REQUEST_CALLBACK_ID, type: 'message_action' }, createRequestShortcut(s));
}
