#!/usr/bin/env node
// `npm run bench`, Slack part: acknowledgement and approval round trip at 50 concurrent approvals, over the
// real receiver, the Slack emulator and a loopback Forge stand-in. Runs the TypeScript through tsx.
import { register } from 'tsx/esm/api';

register();
const { benchSlack } = await import('../bench/approvals.ts');
// `--database-url URL`: an empty PostgreSQL database to run on instead of embedded PGlite.
const at = process.argv.indexOf('--database-url');
const databaseUrl = at >= 0 ? process.argv[at + 1] : undefined;
if (at >= 0 && !databaseUrl) {
  process.stderr.write('--database-url needs a URL\n');
  process.exit(2);
}
const r = await benchSlack(databaseUrl ? { databaseUrl } : {});
if (!process.argv.includes('--json')) {
  const store = databaseUrl ? 'PostgreSQL' : 'embedded PGlite';
  process.stdout.write(
    `slack: ${r.approvals} concurrent approvals on ${store}, loopback Slack and Forge\n` +
      `  ack p50 ${r.ackP50Ms} ms, p99 ${r.ackP99Ms} ms as the clicking client sees it ` +
      `(inside the service: p50 ${r.serverAckP50Ms} ms, p99 ${r.serverAckP99Ms} ms)\n` +
      `  approval round trip (click, Forge call, message updated) p50 ${r.roundTripP50Ms} ms, p99 ${r.roundTripP99Ms} ms\n`,
  );
}
process.stdout.write(`${JSON.stringify({ slack: r })}\n`);
