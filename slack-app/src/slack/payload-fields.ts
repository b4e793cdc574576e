import { z } from 'zod';

/**
 * Fields every Slack interaction payload carries, validated by shape (DESIGN §6.3): some of these ids end up
 * inside `<@...>` and `<#...>`.
 */
export const teamId = z.string().regex(/^[TE][A-Z0-9]{2,32}$/);
export const userId = z.string().regex(/^[UW][A-Z0-9]{2,32}$/);
export const channelId = z.string().regex(/^[CDG][A-Z0-9]{2,32}$/);

/** The `team` and `user` of a block action, shortcut or view submission. */
export const actor = {
  team: z.object({ id: teamId }).nullable().optional(),
  user: z.object({ id: userId, team_id: teamId.optional() }),
};

/**
 * The workspace acted in. Slack sends `team: null` for some Enterprise Grid clicks; the user's own team is then
 * the one to use. Neither there makes the payload invalid.
 */
export function actingTeam(
  b: { team?: { id: string } | null; user: { team_id?: string | undefined } },
  ctx: z.RefinementCtx,
): string | undefined {
  const team = b.team?.id ?? b.user.team_id;
  if (!team) ctx.addIssue({ code: 'custom', message: 'no team' });
  return team;
}
