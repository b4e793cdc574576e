/**
 * chat.postMessage's per-channel limit. Slack: "chat.postMessage generally allows posting one message per second
 * per channel, while also maintaining a workspace-wide limit" and, for posting messages, "1 per second. Short
 * bursts >1 allowed." (https://docs.slack.dev/apis/web-api/rate-limits). The burst size is not published, so it is
 * a setting: at most `burst` posts to one channel within any `windowMs` on the injected clock.
 */
export interface PostLimit {
  burst: number;
  windowMs: number;
}

/** Three posts in one second pass, the fourth is refused: a "short burst" that a triage notification fits in. */
export const DEFAULT_POST_LIMIT: PostLimit = { burst: 3, windowMs: 1000 };

export class ChannelPostLimiter {
  private readonly admitted = new Map<string, number[]>();

  constructor(
    private limit: PostLimit | null,
    private readonly now: () => number,
  ) {}

  set(limit: PostLimit | null): void {
    this.limit = limit;
  }

  /** Admits and counts a post, or says how many whole seconds until the oldest post in the window leaves it. */
  admit(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const limit = this.limit;
    if (!limit) return { ok: true };
    const now = this.now();
    const recent = (this.admitted.get(key) ?? []).filter((t) => t > now - limit.windowMs);
    if (recent.length >= limit.burst) {
      const oldest = recent[0] ?? now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.admitted.set(key, recent);
    return { ok: true };
  }
}
