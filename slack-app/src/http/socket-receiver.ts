import { type App, type Logger, type Receiver, SocketModeReceiver } from '@slack/bolt';
import { type Listening, type Routes, ServiceReceiver } from './receiver';

export interface SocketModeOptions {
  /** The app-level token (xapp-..., scope connections:write) that opens the socket. */
  appToken: string;
  /** apps.connections.open goes here; a loopback emulator in tests. */
  slackApiUrl?: string;
  logger: Logger;
}

/**
 * Socket Mode, for local development: Slack's events, commands and interactions arrive over a WebSocket that
 * Bolt's SocketModeReceiver opens with the app-level token, so Slack needs no public URL. Acks travel back on
 * the socket with their envelope ids. Our HTTP server still runs for what only HTTP can carry: /forge/events,
 * /healthz and /slack/install; `routes` leaves out /slack/events, since the token, not a signature,
 * authenticates the socket. The listeners are the same as over HTTP.
 */
export class SocketServiceReceiver implements Receiver {
  private readonly http: ServiceReceiver;
  private readonly socket: SocketModeReceiver;

  constructor(routes: (app: App) => Routes, o: SocketModeOptions) {
    this.http = new ServiceReceiver(routes);
    this.socket = new SocketModeReceiver({
      appToken: o.appToken,
      logger: o.logger,
      // The only Web API call the receiver makes itself is apps.connections.open, with this client.
      installerOptions: { clientOptions: o.slackApiUrl ? { slackApiUrl: o.slackApiUrl } : {} },
    });
  }

  init(app: App): void {
    this.http.init(app);
    this.socket.init(app);
  }

  /** Serves HTTP on `port`, then connects; a socket that cannot connect (e.g. a bad token) fails the start. */
  async start(port: number): Promise<Listening> {
    const listening = await this.http.start(port);
    try {
      await this.socket.start();
    } catch (err) {
      await this.stop();
      throw err;
    }
    return { port: listening.port, close: () => this.stop() };
  }

  async stop(): Promise<void> {
    // The client's own disconnect waits for the close handshake; the receiver's stop() would not.
    await this.socket.client.disconnect();
    await this.http.stop();
  }
}
