import Resolver from '@forge/resolver';
import { isInvalidInput } from '@switchboard/shared';
import { ZodError } from 'zod';
import { log } from '../log';
import type { Platform } from '../platform';
import type { ResolverName } from './api';
import { type CallContext, createResolvers, Forbidden } from './resolvers';

/**
 * The UI Kit resolver: one definition per ResolverApi call. Refusals and bad payloads come back as
 * `{error}` the UI can show, never as a stack trace; nothing from the payload is logged.
 */
export function createUiResolver(platform: () => Platform) {
  const resolver = new Resolver();
  const names: ResolverName[] = [
    'panel.get',
    'panel.correct',
    'admin.getConfig',
    'admin.saveConfig',
    'admin.startBacktest',
    'admin.backtestStatus',
    'admin.modelStatus',
    'admin.retrainNow',
    'admin.settings',
    'admin.saveSettings',
    'admin.pairing',
    'admin.createPairing',
    'admin.unpair',
    'link.redeem',
    'project.get',
    'project.save',
  ];
  for (const name of names) {
    resolver.define(name, async ({ payload, context }: { payload: unknown; context: CallContext }) => {
      try {
        return await createResolvers(platform())[name](payload ?? {}, context);
      } catch (e) {
        if (e instanceof Forbidden) return { error: 'forbidden', message: e.message };
        if (e instanceof ZodError)
          return { error: 'invalid', problems: e.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
        if (isInvalidInput(e)) return { error: 'invalid', problems: e.issues };
        log('resolver-failed', { call: name, error: e instanceof Error ? e.name : 'unknown' });
        throw e;
      }
    });
  }
  return resolver.getDefinitions();
}
