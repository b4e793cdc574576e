import type { Fault, FaultInjector, FaultRule } from './types';

/** Injected failures: the next matching calls get the fault instead of being handled (nothing is applied). */
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

  /** The first rule (in the order added) for this method, used up by one. */
  take(method: string): Fault | undefined {
    const entry = this.rules.find(({ rule }) => rule.method === undefined || rule.method === method);
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining === 0) this.rules = this.rules.filter((r) => r !== entry);
    return entry.rule.fault;
  }
}
