/**
 * Logs for Forge's log viewer. Only ids, keys, counts, codes and reasons — never ticket text or tokens
 * (DESIGN §4); callers pass structured facts, not messages built from payloads.
 */
export function log(event: string, facts: Record<string, string | number | boolean | undefined> = {}): void {
  const parts = Object.entries(facts)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`);
  console.log(`switchboard ${event}${parts.length ? ` ${parts.join(' ')}` : ''}`);
}
