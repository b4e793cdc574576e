/** `/switchboard help`: what the command does in this version. */
export const HELP_TEXT = [
  '*Switchboard*: AI triage for Jira Service Management, with escalation approvals here in Slack.',
  '• `/switchboard link`: link your Atlassian account, once, so you can approve escalations.',
  '• `/switchboard pair`: pair this workspace with a Jira site, with the code from its Switchboard admin page (workspace admins).',
  '• `/switchboard unpair [site]`: unpair this workspace from a Jira site; its pending escalations are closed (workspace admins).',
  "• `/switchboard KEY` (e.g. `/switchboard HELP-12`): Switchboard's decision on that request and why, only to you.",
  '• `/switchboard help`: this message.',
  'Your pending approvals and the requests at risk are on the Home tab of the Switchboard app.',
].join('\n');
