/** Injected failures: the next matching requests get a fault instead of (or on top of) normal handling. */

/** Reasons Jira puts in `X-RateLimit-Reason`. https://developer.atlassian.com/cloud/jira/platform/rate-limiting/ */
export type RateLimitReason =
  | 'jira-quota-tenant-based'
  | 'jira-quota-global-based'
  | 'jira-burst-based'
  | 'jira-per-issue-on-write';

export type Fault =
  | { kind: 'rate_limit'; retryAfterSeconds?: number; reason?: RateLimitReason }
  | { kind: 'server_error'; status?: 500 | 502 | 503 | 504; applyFirst?: boolean }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'stale_search' };

export interface FaultRule {
  match?: { method?: string; path?: RegExp };
  /** Default 1. */
  times?: number;
  fault: Fault;
}

export interface FaultInjector {
  add(rule: FaultRule): void;
  clear(): void;
}

const SEARCH_PATH = /^\/rest\/api\/3\/search\/jql$/;

export class Faults implements FaultInjector {
  private rules: { rule: FaultRule; remaining: number }[] = [];

  add(rule: FaultRule): void {
    const times = rule.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new Error(`fault 'times' must be a positive integer, got ${times}`);
    this.rules.push({ rule, remaining: times });
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule (in the order added) matching this request, used up by one. */
  take(method: string, path: string): Fault | undefined {
    const entry = this.rules.find(({ rule }) => matches(rule, method, path));
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining === 0) this.rules = this.rules.filter((r) => r !== entry);
    return entry.rule.fault;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  // A stale view only means something to search; other requests must not use the rule up.
  if (rule.fault.kind === 'stale_search' && !SEARCH_PATH.test(path)) return false;
  const m = rule.match;
  if (m?.method && m.method.toUpperCase() !== method) return false;
  if (m?.path) {
    m.path.lastIndex = 0;
    if (!m.path.test(path)) return false;
  }
  return true;
}
