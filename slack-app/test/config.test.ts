import { describe, expect, it } from 'vitest';
import { readServiceConfig } from '../src/config';

/** readServiceConfig's checks of Socket Mode and digest settings; main.test.ts runs the whole program. */
const BASE = {
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_BOT_TOKEN: 'xoxb-1',
  SWITCHBOARD_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
};

const problem = (env: Record<string, string>) => {
  const read = readServiceConfig({ ...BASE, ...env });
  return read.ok ? undefined : read.message;
};

describe('service config', () => {
  it('serves Slack over HTTP by default, with the digest at 09:00 UTC on weekdays', () => {
    const read = readServiceConfig(BASE);
    expect(read.ok && read.config).toMatchObject({
      signingSecret: 'secret',
      digest: { cron: '0 9 * * 1-5', timeZone: 'UTC' },
    });
    expect(read.ok && read.config.socketMode).toBeUndefined();
  });

  it('takes Socket Mode with an app-level token, and no signing secret then', () => {
    const read = readServiceConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SWITCHBOARD_ENCRYPTION_KEY: BASE.SWITCHBOARD_ENCRYPTION_KEY,
      SLACK_SOCKET_MODE: 'true',
      SLACK_APP_TOKEN: 'xapp-1-A1-2-abc',
    });
    expect(read.ok && read.config.socketMode).toEqual({ appToken: 'xapp-1-A1-2-abc' });
    expect(problem({ SLACK_SOCKET_MODE: '0', SLACK_APP_TOKEN: 'xapp-1' })).toBeUndefined();
  });

  it('refuses a token of the wrong kind or an unclear switch, without printing values', () => {
    const wrong = problem({ SLACK_SOCKET_MODE: '1', SLACK_APP_TOKEN: 'xoxb-not-an-app-token' });
    expect(wrong).toBe('switchboard slack: cannot start, SLACK_APP_TOKEN is not an app-level token (xapp-...)');
    expect(problem({ SLACK_SOCKET_MODE: 'yes' })).toBe(
      'switchboard slack: cannot start, SLACK_SOCKET_MODE is neither 1 nor 0',
    );
  });

  it('reads the digest schedule, or off, and refuses what pg-boss could not use', () => {
    const read = readServiceConfig({
      ...BASE,
      SWITCHBOARD_DIGEST_CRON: '30 8 * * *',
      SWITCHBOARD_DIGEST_TZ: 'Europe/Warsaw',
    });
    expect(read.ok && read.config.digest).toEqual({ cron: '30 8 * * *', timeZone: 'Europe/Warsaw' });
    const off = readServiceConfig({ ...BASE, SWITCHBOARD_DIGEST_CRON: 'off' });
    expect(off.ok && off.config.digest).toBe('off');
    expect(problem({ SWITCHBOARD_DIGEST_CRON: 'daily' })).toContain('SWITCHBOARD_DIGEST_CRON is not a cron expression');
    expect(problem({ SWITCHBOARD_DIGEST_TZ: 'Mars/Olympus' })).toContain(
      'SWITCHBOARD_DIGEST_TZ is not an IANA time zone',
    );
  });
});
