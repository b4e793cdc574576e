/** Checks Jira exchanges (our adapter's requests, the emulator's responses) against Jira's OpenAPI spec. */
export { DEFAULT_JIRA_SPEC_PATH, loadJiraSpec } from './load';
export { violations } from './report';
export type { Coverage, Exchange, SpecValidator, Verdict } from './types';
export { createSpecValidator } from './validator';
