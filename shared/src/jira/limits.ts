/**
 * Jira Cloud limits the adapter depends on. Each one is Atlassian's, not ours; the URL says where.
 */

/**
 * `/rest/api/3/search/jql` returns at most 100 issues a page when fields are requested (5000 for ids only).
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
 */
export const SEARCH_PAGE_MAX_WITH_FIELDS = 100;

/**
 * `reconcileIssues` takes at most 50 issue ids.
 * https://developer.atlassian.com/cloud/jira/platform/search-and-reconcile/
 */
export const RECONCILE_MAX_IDS = 50;

/**
 * An issue or comment property value is at most 32,768 characters of JSON.
 * https://developer.atlassian.com/cloud/jira/platform/jira-entity-properties/
 */
export const PROPERTY_VALUE_MAX_CHARS = 32_768;

/**
 * The JSM comment property that makes a comment internal (agents only) instead of visible to the customer.
 * https://developer.atlassian.com/cloud/jira/service-desk/rest/intro/#request-and-comment-properties
 */
export const JSM_PUBLIC_COMMENT_PROPERTY = 'sd.public.comment';

/**
 * 429 responses carry `Retry-After` in seconds; quota, burst and per-issue write limits all answer this way.
 * https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
export const RETRY_AFTER_HEADER = 'retry-after';

/** JSM REST pages: `limit` defaults to 50. https://developer.atlassian.com/cloud/jira/service-desk/rest/intro/#pagination */
export const JSM_PAGE_LIMIT = 50;

/** Issue property in which every Switchboard write records its id, in the same PUT, so a retry can tell it landed. */
export const WRITE_MARKER_PROPERTY = 'switchboard.write';

/**
 * A summary of 255 characters or more is refused ("Summary must be less than 255 characters."), on create and on
 * edit alike; integrations cut to 254: https://github.com/gravitational/teleport/pull/42825
 */
export const SUMMARY_MAX_CHARS = 254;
