import type { Rng } from '../random';

export { Rng } from '../random';

/** Slack object ids are a type letter then upper-case letters and digits (T... team, U... user, C... channel). */
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Ten characters after the prefix: the spec's patterns want at least eight (e.g. defs_workspace_id `^[TE][A-Z0-9]{8,}$`). */
export function slackId(rng: Rng, prefix: string): string {
  return prefix + rng.pick(ID_ALPHABET, 10);
}

/** FNV-1a, so a workspace's ids depend on the seed and its name only, not on what other workspaces did. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
