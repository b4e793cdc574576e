import { App, type Logger, LogLevel, webApi } from '@slack/bolt';
import { fallBack } from './approvals/fallback';
import { expire, remind } from './approvals/schedule';
import { runDailyDigest } from './digest/daily';
import { DEFAULT_DIGEST, type DigestSchedule, startDigest } from './digest/schedule';
import { onDecisionQueryTimeout } from './forge/decision-timeout';
import { sendToForge } from './forge/outbound';
import { AtRiskBoard } from './home/at-risk';
import { startHousekeeping } from './housekeeping';
import type { OAuthOptions } from './http/oauth';
import { type Listening, ServiceReceiver } from './http/receiver';
import { serviceRoutes } from './http/routes';
import { SocketServiceReceiver } from './http/socket-receiver';
import { onIntakeUnanswered } from './intake/unanswered';
import { registerListeners } from './listeners';
import { socketEventDedupe } from './listeners/socket-event-dedupe';
import { errorFields, type Log, stderrLog } from './log';
import { type ApprovalTiming, DEFAULT_TIMING, type Services } from './services';
import { slackClients } from './slack/clients';
import { ChannelPacer, type PacerClock, paceListenerClients } from './slack/pacer';
import { type Database, type EncryptionKey, type JobData, type Jobs, type QueueName, saveInstallation } from './store';

export interface SlackServiceOptions {
  db: Database;
  /** Started by the caller, who also stops it. */
  jobs: Jobs;
  encryptionKey: EncryptionKey;
  /** Verifies /slack/events; required unless `socketMode`, which does not serve that route. */
  signingSecret?: string;
  /** Slack's traffic over Socket Mode (local development) instead of /slack/events. */
  socketMode?: { appToken: string };
  /** The daily digest's schedule, declared at start; tests leave it out and run the job themselves. */
  digest?: DigestSchedule | 'off';
  /** A loopback Slack Web API in tests. */
  slackApiUrl?: string;
  clock?: () => number;
  forgeFetch?: typeof fetch;
  /** Posts to response_urls; the default reaches whatever host Slack named in the interaction. */
  slackFetch?: typeof fetch;
  /** One workspace from SLACK_BOT_TOKEN; its team is learnt from auth.test unless given. */
  single?: { botToken: string; teamId?: string };
  /** Many workspaces, installed through /slack/install. */
  oauth?: OAuthOptions;
  linkPageUrl?: string;
  timing?: Partial<ApprovalTiming>;
  /** The clock channel pacing waits on (slack/pacer.ts); tests give a virtual one so nobody waits real seconds. */
  pacing?: PacerClock;
  log?: Log;
}

export interface SlackService {
  app: App;
  services: Services;
  start(port: number): Promise<Listening>;
  /** A job's handler run directly, as a worker would (tests drive time this way). */
  runJob<Q extends QueueName>(queue: Q, data: JobData<Q>): Promise<void>;
}

function boltLogger(log: Log): Logger {
  let level = LogLevel.WARN;
  const write =
    (l: string) =>
    (...msg: unknown[]) =>
      log('bolt', { level: l, message: msg.map(String).join(' ') });
  return {
    debug: () => {},
    info: () => {},
    warn: write('warn'),
    error: write('error'),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export function createSlackService(o: SlackServiceOptions): SlackService {
  const log = o.log ?? stderrLog;
  let singleTeamId: string | undefined;
  const pacer = new ChannelPacer(o.pacing);
  const slack = slackClients({
    pacer,
    db: o.db,
    encryptionKey: o.encryptionKey,
    ...(o.slackApiUrl ? { slackApiUrl: o.slackApiUrl } : {}),
    ...(o.single ? { singleTeamId: () => singleTeamId } : {}),
  });
  const services: Services = {
    db: o.db,
    encryptionKey: o.encryptionKey,
    jobs: o.jobs,
    clock: o.clock ?? Date.now,
    slack,
    forgeFetch: o.forgeFetch ?? fetch,
    slackFetch: o.slackFetch ?? fetch,
    atRisk: new AtRiskBoard(o.db.pool),
    timing: { ...DEFAULT_TIMING, ...o.timing },
    ...(o.linkPageUrl ? { linkPageUrl: o.linkPageUrl } : {}),
    log,
  };
  const logger = boltLogger(log);
  const routeOptions = {
    ...(o.socketMode ? {} : { signingSecret: o.signingSecret }),
    boltLogger: logger,
    ...(o.slackApiUrl ? { slackApiUrl: o.slackApiUrl } : {}),
    ...(o.oauth ? { oauth: o.oauth } : {}),
  };
  if (!o.socketMode && o.signingSecret === undefined) throw new Error('a signing secret or Socket Mode is needed');
  const routes = (app: App) => serviceRoutes(services, routeOptions, app);
  const receiver = o.socketMode
    ? new SocketServiceReceiver(routes, {
        appToken: o.socketMode.appToken,
        logger,
        ...(o.slackApiUrl ? { slackApiUrl: o.slackApiUrl } : {}),
      })
    : new ServiceReceiver(routes);
  const app = new App({
    receiver,
    logger,
    // Tokens per team from the installation store (or the single workspace): no auth.test per request.
    authorize: async (source) => {
      const bot = source.teamId ? await slack.bot(source.teamId) : undefined;
      if (!bot) throw new Error('the app is not installed in this workspace');
      return { botToken: bot.botToken, botUserId: bot.botUserId, teamId: bot.teamId };
    },
    ...(o.slackApiUrl ? { clientOptions: { slackApiUrl: o.slackApiUrl } } : {}),
  });
  if (o.socketMode) app.use(socketEventDedupe(services));
  app.use(paceListenerClients(pacer));
  registerListeners(app, services);

  const handlers: { [Q in QueueName]: (data: JobData<Q>) => Promise<void> } = {
    'forge-outbound': (data) => sendToForge(services, data),
    'escalation-reminder': (data) => remind(services, data.escalationId),
    'escalation-expiry': (data) => expire(services, data.escalationId),
    'escalation-fallback': (data) => fallBack(services, data.escalationId),
    'decision-query-timeout': (data) => onDecisionQueryTimeout(services, data.queryId),
    'intake-unanswered': (data) => onIntakeUnanswered(services, data.requestId),
    'daily-digest': async () => {
      const digest = o.digest && o.digest !== 'off' ? o.digest : DEFAULT_DIGEST;
      await runDailyDigest(services, digest.timeZone);
    },
  };

  return {
    app,
    services,
    async start(port) {
      if (o.single) singleTeamId = await registerSingleWorkspace(services, o.single, o.slackApiUrl);
      await o.jobs.work('forge-outbound', handlers['forge-outbound']);
      await o.jobs.work('escalation-reminder', handlers['escalation-reminder']);
      await o.jobs.work('escalation-expiry', handlers['escalation-expiry']);
      await o.jobs.work('escalation-fallback', handlers['escalation-fallback']);
      await o.jobs.work('decision-query-timeout', handlers['decision-query-timeout']);
      await o.jobs.work('intake-unanswered', handlers['intake-unanswered']);
      if (o.digest) await startDigest(o.jobs, o.digest, handlers['daily-digest']);
      const listening = await receiver.start(port);
      const stopHousekeeping = startHousekeeping(services);
      return {
        port: listening.port,
        async close() {
          stopHousekeeping();
          await listening.close();
        },
      };
    },
    runJob: (queue, data) => handlers[queue](data),
  };
}

/**
 * A SLACK_BOT_TOKEN deployment still has an installation row: pairings and identity links belong to a
 * workspace (store migrations), and the token is kept sealed like any other.
 */
async function registerSingleWorkspace(
  s: Services,
  single: { botToken: string; teamId?: string },
  slackApiUrl: string | undefined,
): Promise<string> {
  const client = new webApi.WebClient(single.botToken, slackApiUrl ? { slackApiUrl } : {});
  let who: webApi.AuthTestResponse;
  try {
    who = await client.auth.test();
  } catch (err) {
    s.log('single-workspace-auth-failed', errorFields(err));
    throw new Error('SLACK_BOT_TOKEN was not accepted by Slack (auth.test)');
  }
  if (!who.team_id || !who.user_id) throw new Error('auth.test did not name the team and bot user');
  if (single.teamId && single.teamId !== who.team_id) {
    throw new Error(`SLACK_BOT_TOKEN belongs to ${who.team_id}, not ${single.teamId}`);
  }
  await saveInstallation(s.db.pool, s.encryptionKey, {
    teamId: who.team_id,
    botUserId: who.user_id,
    botToken: single.botToken,
    installedAt: s.clock(),
    installedBy: 'SLACK_BOT_TOKEN',
  });
  return who.team_id;
}
