import type { App } from '@slack/bolt';
import type { Services } from '../../services';
import { switchboardCommand } from './switchboard';

export const COMMAND = '/switchboard';

export function registerCommands(app: App, s: Services): void {
  app.command(COMMAND, switchboardCommand(s));
}
