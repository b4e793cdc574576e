import type { App } from '@slack/bolt';
import type { Services } from '../services';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { registerEvents } from './events';
import { registerViews } from './views';

/** Every listener of the service. The message shortcut "Create request" is not built yet (issue 7, item 5). */
export function registerListeners(app: App, s: Services): void {
  registerActions(app, s);
  registerViews(app, s);
  registerEvents(app, s);
  registerCommands(app, s);
}
