import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { link } from '@switchboard/shared';

/** One call the stand-in received, after checking its signature as the Forge web trigger does. */
export interface ForgeCall {
  tenant: string | undefined;
  verified: boolean;
  body: Record<string, unknown>;
  receivedAt: number;
}

/**
 * A loopback server in place of the pairing's Forge web trigger (jira-app/src/flows/webtrigger.ts): it checks
 * the tenant header and the signature with the tenant's secret, records the call and answers 202 (or what the
 * test queued in `failNext`).
 */
export class ForgeStandIn {
  readonly calls: ForgeCall[] = [];
  /** Statuses to answer instead of 202, in order. */
  readonly failNext: number[] = [];
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly secrets: Map<string, string>,
    private readonly now: () => number,
  ) {}

  static async start(secrets: Record<string, string>, now: () => number): Promise<ForgeStandIn> {
    let standIn: ForgeStandIn | undefined;
    const server = createServer((req, res) => {
      void standIn?.receive(req).then((status) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ accepted: status === 202 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    standIn = new ForgeStandIn(server, `http://127.0.0.1:${port}/webtrigger`, new Map(Object.entries(secrets)), now);
    return standIn;
  }

  /** Resolves once `count` verified calls satisfy `match`. */
  async waitFor(match: (c: ForgeCall) => boolean, count = 1, timeoutMs = 10_000): Promise<ForgeCall[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.filter((c) => c.verified && match(c));
      if (found.length >= count) return found;
      if (Date.now() > deadline)
        throw new Error(`waited ${timeoutMs} ms for ${count} Forge calls, got ${found.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async receive(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const raw = Buffer.concat(chunks).toString('utf8');
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const tenant = header(link.HEADERS.tenant);
    const secret = tenant === undefined ? undefined : this.secrets.get(tenant);
    const verified =
      secret !== undefined &&
      link.verify({
        secret,
        timestamp: header(link.HEADERS.timestamp),
        signature: header(link.HEADERS.signature),
        rawBody: raw,
        nowMs: this.now(),
      }).ok;
    const failure = this.failNext.shift();
    this.calls.push({ tenant, verified, body: JSON.parse(raw) as Record<string, unknown>, receivedAt: Date.now() });
    for (const wake of this.waiters.splice(0)) wake();
    if (failure !== undefined) return failure;
    return verified ? 202 : 401;
  }
}
