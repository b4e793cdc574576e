import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Slack emulator answers users.info with `is_admin: false` for everyone and cannot seed an admin. This
 * loopback hop in front of its Web API marks the users in `admins` as admins in users.info answers and passes
 * everything else through unchanged, so the emulator still records and spec-checks every call.
 */
export interface AdminProxy {
  /** Use as `slackApiUrl`. */
  apiUrl: string;
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

export async function startAdminProxy(emulatorApiUrl: string, admins: ReadonlySet<string>): Promise<AdminProxy> {
  const target = new URL(emulatorApiUrl);
  const server = createServer(async (req, res) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    }
    const body = req.method === 'GET' ? undefined : await readBody(req);
    const answer = await fetch(new URL(req.url ?? '/', target.origin), { method: req.method ?? 'POST', headers, body });
    let text = await answer.text();
    if (req.url?.endsWith('/users.info') && answer.ok) {
      const json = JSON.parse(text) as { user?: { id?: string; is_admin?: boolean } };
      if (json.user?.id && admins.has(json.user.id)) json.user.is_admin = true;
      text = JSON.stringify(json);
    }
    const out: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'application/json' };
    const retryAfter = answer.headers.get('retry-after');
    if (retryAfter) out['retry-after'] = retryAfter;
    res.writeHead(answer.status, out).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}${target.pathname}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
