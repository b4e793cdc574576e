/**
 * A moment as Slack shows it in each reader's own time zone, with a UTC fallback for clients that cannot:
 * https://api.slack.com/reference/surfaces/formatting#date-formatting
 */
export function slackDate(epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000);
  const fallback = `${new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${seconds}^{date_short_pretty} at {time}|${fallback}>`;
}
