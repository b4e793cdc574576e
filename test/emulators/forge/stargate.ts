import { isRecord, json, requestJson } from './http';
import type { Queues } from './queue';

/**
 * Platform calls @forge packages make through `__requestAtlassianAsApp` (target remote 'stargate'): queue
 * publishing (@forge/events queries.js; the proxy fills in the path's {placeholders}, so they arrive literally)
 * and the GraphQL mutation behind `webTrigger.getUrl` (@forge/api webTrigger.js).
 */

export const QUEUE_PUBLISH_PATH = '/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}';

export class Stargate {
  constructor(
    private readonly queues: Queues,
    private readonly webTriggerUrl: (moduleKey: string) => string,
  ) {}

  /** undefined when the call is not one the emulator knows, so the router can fail loudly. */
  handle(path: string, init: RequestInit | undefined): Response | undefined {
    const body = requestJson(init);
    if (path === QUEUE_PUBLISH_PATH) return this.queues.publish(body.ok ? body.value : undefined);
    if (path === '/graphql' && body.ok && isRecord(body.value)) return this.graphql(body.value);
    return undefined;
  }

  private graphql(request: Record<string, unknown>): Response | undefined {
    const query = typeof request.query === 'string' ? request.query : '';
    if (!/\bcreateWebTriggerUrl\s*\(/.test(query)) return undefined;
    const input = isRecord(request.variables) && isRecord(request.variables.input) ? request.variables.input : {};
    const key = typeof input.triggerKey === 'string' ? input.triggerKey : '';
    if (!key) return json(200, { errors: [{ message: 'triggerKey is required' }] });
    return json(200, { data: { createWebTriggerUrl: { url: this.webTriggerUrl(key) } } });
  }
}
