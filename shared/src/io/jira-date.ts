const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

const JIRA_DATE = /^(\d{1,2})\/([A-Z][a-z]{2})\/(\d{2}) (\d{1,2}):(\d{2})$/;

/** Jira CSV export dates: `30/Sep/21 17:20` (taken as UTC: the export carries no zone). NaN when unparsable. */
export function parseJiraDate(s: string): number {
  const m = JIRA_DATE.exec(s.trim());
  const month = m ? MONTHS[m[2] as string] : undefined;
  if (!m || month === undefined) return Number.NaN;
  return Date.UTC(2000 + Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]));
}
