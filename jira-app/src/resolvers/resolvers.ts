import { randomBytes, randomUUID } from 'node:crypto';
import { isInvalidInput, isNotFound, link, PRIORITY_LEVELS } from '@switchboard/shared';
import { z } from 'zod';
import { BACKTEST_STATUS_KEY, startBacktest } from '../flows/backtest';
import {
  ACCURACY_KEY,
  type AccuracyCounters,
  type CorrectionRecord,
  emptyCounters,
  recordCorrection,
} from '../flows/corrections';
import { type DecisionRecord, epochSeconds } from '../flows/decision-view';
import { redeemSlackLink } from '../flows/identity-link';
import { RETRAIN_STATUS_KEY, type RetrainStatus, startRetrain } from '../flows/retrain';
import { PAIRING_KEY, PAIRING_SECRET_KEY, type Pairing } from '../flows/slack-out';
import { unpairSlack } from '../flows/unpair';
import type { Platform } from '../platform';
import { currentConfig, currentEngine, saveConfig } from '../store/config';
import { modelMeta } from '../store/model';
import { ProjectOverridesSchema, priorityName, projectOverrides, settings } from '../store/settings';
import type { BacktestView, CorrectableField, ResolverApi, ResolverName } from './api';
import { LINK_MODULE, linkPageUrl } from './link-page';
import { saveSettings, settingsView } from './settings';

/** What Forge tells a resolver about the caller; `moduleKey` says which UI called, and cannot be forged. */
export interface CallContext {
  accountId?: string;
  moduleKey?: string;
  extension?: { issue?: { key?: string; id?: string }; project?: { key?: string } };
  /** This site's base URL and the calling module's id; together they give the link page's URL (link-page.ts). */
  siteUrl?: string;
  localId?: string;
}

type Impl = { [N in ResolverName]: (payload: unknown, ctx: CallContext) => Promise<ResolverApi[N]['result']> };

/** The admin page and the project settings page are the only modules whose calls may change configuration. */
const ADMIN_MODULE = 'switchboard-admin';
/** The manifest's web trigger for the Slack service. */
const SLACK_WEBTRIGGER_MODULE = 'slack-events';
const PROJECT_MODULE = 'switchboard-project-settings';

export class Forbidden extends Error {}

const requireModule = (ctx: CallContext, key: string) => {
  if (ctx.moduleKey !== key) throw new Forbidden(`only the ${key} module may make this call`);
};

const IssueKey = z.object({ issueKey: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/) });

/** Every resolver of ResolverApi, over the platform. Payloads are validated here; nothing trusts the client. */
export function createResolvers(p: Platform): Impl {
  /** A UI call acts for the logged-in user: Jira checks that this user may see the issue. */
  const canBrowse = async (ctx: CallContext, issueKey: string) => {
    if (!ctx.accountId) throw new Forbidden('no user');
    // Jira answers 404 for an issue the user may not see, exactly as for one that does not exist.
    const perms = await p
      .jiraAsCaller()
      .myPermissions(['BROWSE_PROJECTS'], { issueKey })
      .catch((e: unknown) => {
        if (isNotFound(e)) return { BROWSE_PROJECTS: false };
        throw e;
      });
    if (!perms.BROWSE_PROJECTS) throw new Forbidden('cannot see this issue');
  };
  const issueIdOf = async (issueKey: string) => (await p.jira().getIssue(issueKey)).id;

  return {
    'panel.get': async (payload, ctx) => {
      const { issueKey } = IssueKey.parse(payload);
      await canBrowse(ctx, issueKey);
      const id =
        ctx.extension?.issue?.key === issueKey && ctx.extension.issue.id
          ? ctx.extension.issue.id
          : await issueIdOf(issueKey);
      const record = await p.entities.get<DecisionRecord>('decision', id);
      const corrections = await p.entities.byIndex<CorrectionRecord>('correction', 'by-issue', [issueKey]);
      const engine = await currentEngine(p.kv);
      const s = await settings(p.kv);
      return {
        issueKey,
        decision: record?.view ?? null,
        corrections: corrections.map(({ value: c }) => ({
          field: c.field,
          from: c.from,
          to: c.to,
          by: c.by,
          at: new Date(c.at * 1000).toISOString(),
        })),
        options: {
          categories: [
            ...new Set(engine.config.rules.flatMap((r) => (r.then.category ? [r.then.category] : []))),
          ].sort(),
          priorities: PRIORITY_LEVELS.map((l) => priorityName(s, l)),
          teams: engine.config.routing.map((r) => r.team),
        },
      };
    },

    'panel.correct': async (payload, ctx) => {
      const { issueKey, field, value } = IssueKey.extend({
        field: z.enum(['category', 'priority', 'team']),
        value: z.string().min(1).max(200),
      }).parse(payload);
      await canBrowse(ctx, issueKey);
      const id = await issueIdOf(issueKey);
      const record = await p.entities.get<DecisionRecord>('decision', id);
      const from = record ? fieldValue(record, field) : null;
      await recordCorrection(
        p,
        {
          issueKey,
          field,
          from,
          to: value,
          by: ctx.accountId ?? 'unknown',
          at: epochSeconds(p.now()),
          source: 'panel',
        },
        id,
      );
      return { ok: true as const };
    },

    'admin.getConfig': async (_payload, ctx) => {
      requireModule(ctx, ADMIN_MODULE);
      return currentConfig(p.kv);
    },

    'admin.saveConfig': async (payload, ctx) => {
      requireModule(ctx, ADMIN_MODULE);
      const { yaml } = z.object({ yaml: z.string().max(200_000) }).parse(payload);
      try {
        return { ok: true as const, version: await saveConfig(p.kv, yaml, ctx.accountId ?? 'unknown', p.now()) };
      } catch (e) {
        if (!isInvalidInput(e)) throw e;
        const failed = e.issues.filter((i) => /^examples\[\d+\]$/.test(i.path));
        return {
          ok: false as const,
          errors: e.issues.filter((i) => !failed.includes(i)),
          failedExamples: failed.map((i) => ({ name: i.path, problems: [i.message] })),
        };
      }
    },

    'admin.startBacktest': async (payload, ctx) => {
      requireModule(ctx, ADMIN_MODULE);
      const { jql, trainFraction } = z
        .object({ jql: z.string().max(2_000).optional(), trainFraction: z.number().gt(0).lt(1).optional() })
        .parse(payload);
      return { started: await startBacktest(p, jql, trainFraction) };
    },

    'admin.backtestStatus': async (_payload, ctx): Promise<BacktestView> => {
      requireModule(ctx, ADMIN_MODULE);
      return (await p.kv.get<BacktestView>(BACKTEST_STATUS_KEY)) ?? { state: 'idle', progress: { done: 0, total: 0 } };
    },

    'admin.modelStatus': async (_payload, ctx) => {
      requireModule(ctx, ADMIN_MODULE);
      const meta = await modelMeta(p.kv);
      const counters = (await p.kv.get<AccuracyCounters>(ACCURACY_KEY)) ?? emptyCounters();
      const retrain = (await p.kv.get<RetrainStatus>(RETRAIN_STATUS_KEY)) ?? {
        state: 'idle' as const,
        progress: { done: 0, total: 0 },
      };
      return {
        trained: meta !== undefined,
        ...(meta ? { trainedAt: meta.trainedAt, examples: meta.examples, labels: meta.labels } : {}),
        accuracy: (['category', 'priority', 'team'] as CorrectableField[]).map((field) => {
          const applied = counters.applied[field];
          const corrected = counters.corrected[field];
          return {
            field,
            applied,
            corrected,
            accuracy: applied > 0 ? 1 - Math.min(corrected, applied) / applied : null,
          };
        }),
        retrain: {
          state: retrain.state,
          progress: retrain.progress,
          ...(retrain.error ? { error: retrain.error } : {}),
        },
      };
    },

    'admin.retrainNow': async (_payload, ctx) => {
      requireModule(ctx, ADMIN_MODULE);
      await startRetrain(p, ctx.accountId ?? 'admin');
      return { queued: true };
    },

    'admin.settings': async (_payload, ctx) => {
      requireModule(ctx, ADMIN_MODULE);
      return settingsView(p);
    },

    'admin.saveSettings': async (payload, ctx) => {
      requireModule(ctx, ADMIN_MODULE);
      return saveSettings(p, payload);
    },

    'admin.pairing': async (_payload, ctx) => {
      requireModule(ctx, ADMIN_MODULE);
      const pairing = await p.kv.get<Pairing>(PAIRING_KEY);
      return pairing ? { paired: true, serviceUrl: pairing.serviceUrl, pairedAt: pairing.pairedAt } : { paired: false };
    },

    'admin.createPairing': async (payload, ctx) => {
      requireModule(ctx, ADMIN_MODULE);
      const { serviceUrl } = z.object({ serviceUrl: z.url({ protocol: /^https$/ }) }).parse(payload);
      const secret = randomBytes(32).toString('base64url');
      const tenant = randomUUID();
      const webTriggerUrl = await p.webTriggerUrl(SLACK_WEBTRIGGER_MODULE);
      await p.kv.setSecret(PAIRING_SECRET_KEY, secret);
      await p.kv.set<Pairing>(PAIRING_KEY, { serviceUrl, tenant, pairedAt: new Date(p.now()).toISOString() });
      const page = linkPageUrl(ctx);
      const code = link.encodePairingCode({ tenant, secret, webTriggerUrl, ...(page ? { linkPageUrl: page } : {}) });
      return { pairingCode: code, tenant };
    },

    'admin.unpair': async (_payload, ctx) => {
      requireModule(ctx, ADMIN_MODULE);
      return unpairSlack(p);
    },

    'link.redeem': async (payload, ctx) => {
      requireModule(ctx, LINK_MODULE);
      // base64url of 32 random bytes (slack-app store/identity-links.ts); the bounds only keep junk out.
      const { token } = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,200}$/) }).parse(payload);
      // Who is linked comes from Forge's context, the logged-in user; a payload could name anyone.
      if (!ctx.accountId) throw new Forbidden('no user');
      return redeemSlackLink(p, token, ctx.accountId);
    },

    'project.get': async (payload, ctx) => {
      requireModule(ctx, PROJECT_MODULE);
      const { projectKey } = z.object({ projectKey: z.string().min(1) }).parse(payload);
      return projectOverrides(p.kv, projectKey);
    },

    'project.save': async (payload, ctx) => {
      requireModule(ctx, PROJECT_MODULE);
      const { projectKey, overrides } = z
        .object({ projectKey: z.string().min(1), overrides: z.unknown() })
        .parse(payload);
      if (!ctx.accountId) throw new Forbidden('no user');
      const perms = await p.jiraAsCaller().myPermissions(['ADMINISTER_PROJECTS'], { projectKey });
      if (!perms.ADMINISTER_PROJECTS) throw new Forbidden('project administrators only');
      const parsed = ProjectOverridesSchema.safeParse(overrides);
      if (!parsed.success)
        return {
          ok: false as const,
          errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        };
      await p.kv.set(`project:${projectKey}`, parsed.data);
      return { ok: true as const };
    },
  };
}

function fieldValue(r: DecisionRecord, field: CorrectableField): string | null {
  if (field === 'priority') return r.written.priority ?? r.view.priority.level;
  if (field === 'team') return r.written.team ?? r.view.team.name;
  return r.view.category.label;
}
