import { createSlackService } from './app';
import { readServiceConfig } from './config';
import { errorFields, stderrLog } from './log';
import { type Database, type Jobs, migrate, openDatabase, startJobs } from './store';

/** Exit codes: 2 for a configuration the service cannot start with, 1 for a failure while starting. */
export const EXIT = { ok: 0, failed: 1, config: 2 } as const;

/**
 * `npm run slack`: the Slack service on $PORT until SIGINT or SIGTERM. Migrates the database first, so a new
 * version starts on its own schema.
 */
export async function main(env: Record<string, string | undefined> = process.env): Promise<number> {
  const read = readServiceConfig(env);
  if (!read.ok) {
    process.stderr.write(`${read.message}\n`);
    return EXIT.config;
  }
  const c = read.config;
  let db: Database | undefined;
  let jobs: Jobs | undefined;
  try {
    db = await openDatabase({
      ...(c.store.databaseUrl ? { databaseUrl: c.store.databaseUrl } : {}),
      dataDir: c.store.dataDir,
      onError: (err) => stderrLog('db-connection-error', errorFields(err)),
    });
    await migrate(db.pool);
    jobs = await startJobs(db, {
      onError: (err) => stderrLog('job-error', errorFields(err)),
      schedules: c.digest !== 'off',
    });
    const service = createSlackService({
      db,
      jobs,
      encryptionKey: c.store.encryptionKey,
      ...(c.signingSecret ? { signingSecret: c.signingSecret } : {}),
      ...(c.socketMode ? { socketMode: c.socketMode } : {}),
      digest: c.digest,
      ...(c.slackApiUrl ? { slackApiUrl: c.slackApiUrl } : {}),
      ...(c.single ? { single: c.single } : {}),
      ...(c.oauth ? { oauth: c.oauth } : {}),
      ...(c.linkPageUrl ? { linkPageUrl: c.linkPageUrl } : {}),
    });
    const listening = await service.start(c.port);
    const mode = `${c.single ? 'one workspace' : 'many workspaces'}${c.socketMode ? ', Socket Mode' : ''}`;
    process.stdout.write(`switchboard slack: listening on port ${listening.port} (${db.kind}, ${mode})\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await listening.close();
    return EXIT.ok;
  } catch (err) {
    process.stderr.write(`switchboard slack: could not start: ${(err as Error).message}\n`);
    return EXIT.failed;
  } finally {
    await jobs?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
  }
}
