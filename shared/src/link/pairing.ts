import { z } from 'zod';
import { InvalidInputError } from '../errors';

/**
 * The pairing code an admin copies from the Forge admin page into Slack (`/switchboard pair`): the tenant id,
 * the shared secret and the Forge web trigger URL, in one opaque string. It carries a secret, so it is shown
 * once and never logged.
 */
const PREFIX = 'swb1.';

const PairingSchema = z.object({
  tenant: z.string().min(8).max(100),
  secret: z.string().min(32).max(200),
  webTriggerUrl: z.url({ protocol: /^https$/ }),
});
export type PairingCode = z.infer<typeof PairingSchema>;

export function encodePairingCode(p: PairingCode): string {
  return PREFIX + Buffer.from(JSON.stringify(PairingSchema.parse(p))).toString('base64url');
}

/** Throws InvalidInputError (never echoing the code) when the text is not a pairing code. */
export function decodePairingCode(text: string): PairingCode {
  const fail = (message: string): never => {
    throw new InvalidInputError([{ path: 'pairing code', message }], 'pairing code');
  };
  const t = text.trim();
  if (!t.startsWith(PREFIX)) return fail('not a Switchboard pairing code (it starts with "swb1.")');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(t.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return fail('damaged: copy it again from the Jira admin page');
  }
  const parsed = PairingSchema.safeParse(json);
  return parsed.success ? parsed.data : fail('damaged: copy it again from the Jira admin page');
}
