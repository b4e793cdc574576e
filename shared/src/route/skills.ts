import type { Member } from '../model/config';

// Members come from the compiled config and live as long as it does; lower-casing their skills once per member
// object keeps per-ticket work to a few comparisons.
const lowered = new WeakMap<Member, string[]>();

function skillsOf(member: Member): string[] {
  let skills = lowered.get(member);
  if (skills === undefined) {
    skills = member.skills.map((s) => s.toLowerCase());
    lowered.set(member, skills);
  }
  return skills;
}

/** The member's first skill (lower-case) found among the ticket's lower-case tags, or undefined. */
export function matchingSkill(member: Member, tags: readonly string[]): string | undefined {
  if (tags.length === 0) return undefined;
  for (const s of skillsOf(member)) if (tags.includes(s)) return s;
  return undefined;
}
