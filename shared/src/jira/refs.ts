import { InvalidInputError } from '../errors';

/**
 * jira.js puts issue keys, property keys and ids into URL paths as given, without encoding. Anything that
 * reaches a path is checked here first, so a malformed key is refused before it can address another resource.
 */
const ISSUE_REF = /^(?:[A-Za-z][A-Za-z0-9_]*-[1-9]\d*|[1-9]\d*)$/;
/** Entity property keys: at most 255 characters. https://developer.atlassian.com/cloud/jira/platform/jira-entity-properties/ */
const PROPERTY_KEY = /^[A-Za-z0-9_.-]{1,255}$/;
const NUMERIC_ID = /^[1-9]\d{0,18}$/;
/** Atlassian account ids: `557058:uuid`, `5b10a...` hex, `qm:...` for customers. */
const ACCOUNT_ID = /^[A-Za-z0-9:_-]{1,128}$/;

function check(re: RegExp, value: string, what: string): string {
  if (!re.test(value)) throw new InvalidInputError([{ path: what, message: 'malformed' }], 'Jira reference');
  return value;
}

export const issueRef = (v: string) => check(ISSUE_REF, v, 'issue key or id');
export const propertyKey = (v: string) => check(PROPERTY_KEY, v, 'property key');
export const numericId = (v: string, what: string) => check(NUMERIC_ID, v, what);
export const accountId = (v: string) => check(ACCOUNT_ID, v, 'accountId');
