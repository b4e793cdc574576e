import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InvalidInputError } from '../errors';

/**
 * The pairing code an admin copies from the Forge admin page into Slack (`/switchboard pair`): the tenant id,
 * the shared secret, the Forge web trigger URL and, when the admin page could work it out, the site's page that
 * finishes identity links (`/switchboard link`), in one opaque string. It carries a secret, so it is shown
 * once and never logged. A checksum at the end catches a damaged copy: without it, a code with characters
 * missing from the middle can still decode, to another tenant.
 */
const PREFIX = 'swb1.';

const PairingSchema = z.object({
  tenant: z.string().min(8).max(100),
  secret: z.string().min(32).max(200),
  webTriggerUrl: z.url({ protocol: /^https$/ }),
  /** Optional: codes issued before it existed still decode, and the Slack service then uses its own default. */
  linkPageUrl: z
    .url({ protocol: /^https$/ })
    .max(500)
    .optional(),
});
export type PairingCode = z.infer<typeof PairingSchema>;

const checksum = (payload: string) => createHash('sha256').update(payload).digest('hex').slice(0, 8);

export function encodePairingCode(p: PairingCode): string {
  const payload = Buffer.from(JSON.stringify(PairingSchema.parse(p))).toString('base64url');
  return `${PREFIX}${payload}.${checksum(payload)}`;
}

/** Throws InvalidInputError (never echoing the code) when the text is not a pairing code. */
export function decodePairingCode(text: string): PairingCode {
  const fail = (message: string): never => {
    throw new InvalidInputError([{ path: 'pairing code', message }], 'pairing code');
  };
  const t = text.trim();
  if (!t.startsWith(PREFIX)) return fail('not a Switchboard pairing code (it starts with "swb1.")');
  const body = t.slice(PREFIX.length);
  const dot = body.lastIndexOf('.');
  const payload = body.slice(0, dot);
  if (dot < 0 || checksum(payload) !== body.slice(dot + 1))
    return fail('damaged: copy it again from the Jira admin page');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return fail('damaged: copy it again from the Jira admin page');
  }
  const parsed = PairingSchema.safeParse(json);
  return parsed.success ? parsed.data : fail('damaged: copy it again from the Jira admin page');
}
