import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCall, SlackEmulator } from '../../test/emulators/slack';
import { eventCallback, JSON_TYPE, slackHeaders } from './support/slack-requests';

const ROOT = join(import.meta.dirname, '..', '..');
/** tsx compiles on first start; a busy machine needs a while. */
const START_TIMEOUT_MS = 20_000;
const KEY = Buffer.alloc(32, 9).toString('base64');

/** The environment without any of the service's own variables, so only what a test sets is there. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(SLACK_|SWITCHBOARD_|DATABASE_URL$|PORT$)/.test(name)) delete env[name];
  }
  return env;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function finish(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, stdout, stderr };
}

describe('npm run slack', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it(
    'without secrets stops at once with exit 2 and one message naming the variables, never a value',
    async () => {
      const secret = 'xoxb-must-never-be-printed';
      const { code, stdout, stderr } = await finish(
        run('npm', ['run', '--silent', 'slack'], { ...baseEnv(), SLACK_BOT_TOKEN: secret }),
      );
      expect(code).toBe(2);
      const ours = stderr.split('\n').filter((l) => l.startsWith('switchboard slack:'));
      expect(ours).toEqual([
        'switchboard slack: cannot start, missing SLACK_SIGNING_SECRET; SWITCHBOARD_ENCRYPTION_KEY (32 random bytes, base64)',
      ]);
      expect(stdout + stderr).not.toContain(secret);
    },
    START_TIMEOUT_MS,
  );

  it(
    'names both ways to give Slack credentials when neither is there',
    async () => {
      const env = { ...baseEnv(), SLACK_SIGNING_SECRET: 'x', SWITCHBOARD_ENCRYPTION_KEY: KEY, SLACK_CLIENT_ID: 'id' };
      const { code, stderr } = await finish(run('node', ['slack-app/bin/slack.js'], env));
      expect(code).toBe(2);
      expect(stderr.trim()).toBe('switchboard slack: cannot start, missing SLACK_CLIENT_SECRET; SLACK_STATE_SECRET');
      const none = await finish(run('node', ['slack-app/bin/slack.js'], { ...env, SLACK_CLIENT_ID: '' }));
      expect(none.stderr).toContain(
        'SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET',
      );
    },
    START_TIMEOUT_MS,
  );

  it(
    'in Socket Mode without SLACK_APP_TOKEN stops at once with exit 2, and needs no signing secret',
    async () => {
      const env = { ...baseEnv(), SLACK_SOCKET_MODE: '1', SLACK_BOT_TOKEN: 'xoxb-x', SWITCHBOARD_ENCRYPTION_KEY: KEY };
      const { code, stderr } = await finish(run('node', ['slack-app/bin/slack.js'], env));
      expect(code).toBe(2);
      expect(stderr.trim()).toBe(
        'switchboard slack: cannot start, missing SLACK_APP_TOKEN (an app-level token, xapp-..., for Socket Mode)',
      );
    },
    START_TIMEOUT_MS,
  );

  it(
    'with SLACK_SOCKET_MODE=1 takes Slack traffic over the socket and still serves health over HTTP',
    async () => {
      const emu = await SlackEmulator.start({ seed: 6 });
      cleanups.push(() => emu.close());
      const ws = emu.addWorkspace({ name: 'Socket' });
      const user = ws.addUser({ name: 'sid' }).id;
      const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-main-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const child = run('node', ['slack-app/bin/slack.js'], {
        ...baseEnv(),
        PORT: '0',
        SLACK_SOCKET_MODE: '1',
        SLACK_APP_TOKEN: emu.socketMode.appToken,
        SLACK_BOT_TOKEN: ws.botToken,
        SLACK_API_URL: emu.apiUrl,
        SWITCHBOARD_ENCRYPTION_KEY: KEY,
        SWITCHBOARD_DATA_DIR: dataDir,
      });
      const done = finish(child);
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the service did not start')), START_TIMEOUT_MS);
        child.stdout?.on('data', (d: Buffer) => {
          const m = /listening on port (\d+) \(pglite, one workspace, Socket Mode\)/.exec(d.toString());
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
      });
      const base = `http://127.0.0.1:${port}`;
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true, db: 'pglite' });
      expect((await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
      expect(emu.socketMode.connections).toBe(1);

      const ack = await emu.socketMode.send(
        'events_api',
        JSON.parse(
          eventCallback({
            teamId: ws.teamId,
            eventId: 'EvSocket1',
            event: { type: 'app_home_opened', user, channel: 'D0SOCK', tab: 'home', event_ts: '1.0' },
          }),
        ) as Record<string, unknown>,
      );
      expect(ack.envelopeId).toBe(emu.socketMode.envelopes[0]?.envelope_id);
      for (let i = 0; i < 100 && !emu.calls.some((c) => c.method === 'views.publish'); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(emu.calls.map((c) => c.method)).toEqual(['auth.test', 'apps.connections.open', 'views.publish']);
      expect(emu.calls.flatMap((c) => checkCall(c))).toEqual([]);

      child.kill('SIGTERM');
      const { code, stdout, stderr } = await done;
      expect(code).toBe(0);
      expect(emu.socketMode.connections).toBe(0);
      expect(stdout + stderr).not.toContain(emu.socketMode.appToken);
    },
    2 * START_TIMEOUT_MS,
  );

  it(
    'with SLACK_BOT_TOKEN serves one workspace on embedded PGlite, then stops on SIGTERM',
    async () => {
      const emu = await SlackEmulator.start({ seed: 5 });
      cleanups.push(() => emu.close());
      const ws = emu.addWorkspace({ name: 'Solo' });
      const user = ws.addUser({ name: 'sam' }).id;
      const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-main-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const signingSecret = 'solo-signing-secret';
      const child = run('node', ['slack-app/bin/slack.js'], {
        ...baseEnv(),
        PORT: '0',
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_BOT_TOKEN: ws.botToken,
        SLACK_API_URL: emu.apiUrl,
        SWITCHBOARD_ENCRYPTION_KEY: KEY,
        SWITCHBOARD_DATA_DIR: dataDir,
      });
      const done = finish(child);
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the service did not start')), START_TIMEOUT_MS);
        child.stdout?.on('data', (d: Buffer) => {
          const m = /listening on port (\d+) \(pglite, one workspace\)/.exec(d.toString());
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
      });
      const base = `http://127.0.0.1:${port}`;
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true, db: 'pglite' });

      const body = eventCallback({
        teamId: ws.teamId,
        eventId: 'EvSolo1',
        event: { type: 'app_home_opened', user, channel: 'D0SOLO', tab: 'home', event_ts: '1.0' },
      });
      const res = await fetch(`${base}/slack/events`, {
        method: 'POST',
        headers: slackHeaders(signingSecret, body, JSON_TYPE, Date.now()),
        body,
      });
      expect(res.status).toBe(200);
      for (let i = 0; i < 100 && !emu.calls.some((c) => c.method === 'views.publish'); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(emu.calls.map((c) => c.method)).toEqual(['auth.test', 'views.publish']);
      expect(emu.calls.flatMap((c) => checkCall(c))).toEqual([]);

      child.kill('SIGTERM');
      const { code, stdout, stderr } = await done;
      expect(code).toBe(0);
      expect(stdout + stderr).not.toContain(ws.botToken);
    },
    2 * START_TIMEOUT_MS,
  );
});
