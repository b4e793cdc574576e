/** The one Jira adapter (DESIGN §1 `src/jira/`). */
export { toTrackerError } from './errors';
export { FieldCatalog, type FieldInfo } from './fields';
export { jiraDateToIso, textToAdf } from './issue';
export { SUMMARY_MAX_CHARS } from './limits';
export { DEFAULT_RETRY_POLICY, NO_RETRY, type RetryEnv, type RetryPolicy, realRetryEnv, withRetry } from './retry';
export { type DeadLetter, type DeadLetterSink, JiraIssueTracker, type JiraTrackerOptions } from './tracker';
export {
  forgeTransport,
  type HttpTransportOptions,
  httpTransport,
  type JiraCredentials,
  type JiraTransport,
  type RequestJira,
  type ResponseLike,
} from './transport';
