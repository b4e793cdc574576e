import type { App } from '@slack/bolt';
import type { Services } from '../services';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { registerEvents } from './events';
import { registerShortcuts } from './shortcuts';
import { registerViews } from './views';

/** Every listener of the service. */
export function registerListeners(app: App, s: Services): void {
  registerActions(app, s);
  registerViews(app, s);
  registerEvents(app, s);
  registerCommands(app, s);
  registerShortcuts(app, s);
}
