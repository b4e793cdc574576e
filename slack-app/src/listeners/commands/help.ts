/** `/switchboard help`: what the command does in this version. */
export const HELP_TEXT = [
  '*Switchboard*: AI triage for Jira Service Management, with escalation approvals here in Slack.',
  '• `/switchboard link`: link your Atlassian account, once, so you can approve escalations.',
  '• `/switchboard pair`: pair this workspace with a Jira site, with the code from its Switchboard admin page (workspace admins).',
  '• `/switchboard help`: this message.',
  'Your pending approvals and the requests at risk are on the Home tab of the Switchboard app.',
].join('\n');
