import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CALLBACK_PATH } from '../src/http/oauth';
import { COMMAND } from '../src/listeners/commands';
import { SHORTCUT_CALLBACK_IDS } from '../src/listeners/shortcuts';
import { BOT_SCOPES } from '../src/slack/scopes';

const manifest = parse(readFileSync(join(import.meta.dirname, '..', '..', 'manifests', 'slack-app.yml'), 'utf8'));

describe('the Slack app manifest', () => {
  it('asks for exactly the scopes the service uses', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(manifest.oauth_config.redirect_urls.map((u: string) => new URL(u).pathname)).toEqual([CALLBACK_PATH]);
  });

  it('sends events, interactions and the command to /slack/events', () => {
    const paths = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
    ].map((u: string) => new URL(u).pathname);
    expect(paths).toEqual(['/slack/events', '/slack/events', '/slack/events']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('declares the command, App Home and the events the listeners handle', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([COMMAND]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
  });

  it('declares the message shortcuts the listeners handle', () => {
    const shortcuts = manifest.features.shortcuts as { type: string; callback_id: string }[];
    expect(shortcuts.map((x) => [x.type, x.callback_id])).toEqual(SHORTCUT_CALLBACK_IDS.map((id) => ['message', id]));
  });
});
