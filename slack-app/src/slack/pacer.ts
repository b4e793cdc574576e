import type { AnyMiddlewareArgs, Middleware, webApi } from '@slack/bolt';

/**
 * chat.postMessage "will generally allow an app to post 1 message per second to a specific channel, with short
 * bursts of more than 1 allowed" (DESIGN §5, https://docs.slack.dev/reference/methods/chat.postMessage#rate_limiting).
 * The burst size is unpublished, so we keep to the steady rate and never lean on it.
 */
export const CHANNEL_POST_INTERVAL_MS = 1_000;
/** Past this many channels remembered, those whose slot has passed are forgotten. */
const PRUNE_AT = 10_000;

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realPacerClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Hands out one slot per key and interval, in call order, so posts to a busy channel queue here instead of
 * coming back as 429s. In-process only: instances of the service do not see each other's slots, so a deployment
 * running several would need a shared pacer (a row per channel in PostgreSQL, say) to keep the channel's rate.
 */
export class ChannelPacer {
  private readonly next = new Map<string, number>();
  private readonly paced = new WeakSet<webApi.WebClient>();

  constructor(
    private readonly clock: PacerClock = realPacerClock,
    private readonly intervalMs: number = CHANNEL_POST_INTERVAL_MS,
  ) {}

  /** Resolves when `key` may be used: at once when its last slot is an interval old, else at its next slot. */
  async wait(key: string): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.next.get(key) ?? now);
    this.next.set(key, at + this.intervalMs);
    if (this.next.size > PRUNE_AT) {
      for (const [k, free] of this.next) if (free <= now) this.next.delete(k);
    }
    for (let left = at - this.clock.now(); left > 0; left = at - this.clock.now()) await this.clock.sleep(left);
  }

  /**
   * Makes `client`'s chat.postMessage wait for its channel's slot, once per client. chat.postEphemeral waits for
   * a slot per channel and user: Slack's per-channel guidance is about postMessage (ephemeral posts are Tier 4),
   * and a refusal shown to one clicker should not queue behind everyone else's. chat.update is not paced: it is
   * outside that guidance, and closing an approval message must not wait behind new ones.
   */
  pace(client: webApi.WebClient, teamId: string): webApi.WebClient {
    if (this.paced.has(client)) return client;
    this.paced.add(client);
    const post = client.chat.postMessage;
    client.chat.postMessage = async (args) => {
      await this.wait(`${teamId}:${args.channel}`);
      return post(args);
    };
    const postEphemeral = client.chat.postEphemeral;
    client.chat.postEphemeral = async (args) => {
      await this.wait(`${teamId}:${args.channel}:${args.user}`);
      return postEphemeral(args);
    };
    return client;
  }
}

/**
 * Bolt builds the `client` it hands listeners itself (one per workspace token, kept), not through
 * slack/clients.ts; this global middleware paces each of them with the service's one pacer.
 */
export function paceListenerClients(pacer: ChannelPacer): Middleware<AnyMiddlewareArgs> {
  return async ({ client, context, next }) => {
    pacer.pace(client, context.teamId ?? context.enterpriseId ?? '');
    await next();
  };
}
