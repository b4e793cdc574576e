import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, Receiver } from '@slack/bolt';

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
export type Routes = Record<string, { GET?: Route; POST?: Route }>;

export interface Listening {
  port: number;
  close(): Promise<void>;
}

/**
 * Bolt's receiver: a plain node:http server with our own routes, so that /slack/events is verified by our check
 * (slack-requests.ts) and /forge/events, /healthz and /slack/install live beside it. Bolt only gets
 * `processEvent` calls.
 */
export class ServiceReceiver implements Receiver {
  private app: App | undefined;
  private server: Server | undefined;

  constructor(private readonly routes: (app: App) => Routes) {}

  init(app: App): void {
    this.app = app;
  }

  async start(port: number): Promise<Listening> {
    const app = this.app;
    if (!app) throw new Error('the receiver was not given to a Bolt App');
    const routes = this.routes(app);
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const route = routes[path]?.[req.method as 'GET' | 'POST'];
      if (!route) {
        res.writeHead(routes[path] ? 405 : 404);
        res.end();
        return;
      }
      route(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
    this.server = server;
    return { port: (server.address() as AddressInfo).port, close: () => this.stop() };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
