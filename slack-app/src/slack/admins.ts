import type { webApi } from '@slack/bolt';
import { z } from 'zod';

/**
 * users.info's admin flags (https://api.slack.com/methods/users.info, objs_user): `is_owner` covers the primary
 * owner too. Absent flags count as false, so a shape Slack changes refuses rather than grants.
 */
const UserInfo = z.object({
  user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional() }),
});

/** Whether the user administers or owns the workspace. Throws when Slack does not answer (the caller says so). */
export async function isWorkspaceAdmin(client: webApi.WebClient, userId: string): Promise<boolean> {
  const parsed = UserInfo.safeParse(await client.users.info({ user: userId }));
  return parsed.success && (parsed.data.user.is_admin === true || parsed.data.user.is_owner === true);
}
