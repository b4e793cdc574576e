import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { HTTP_METHODS, type MediaType, type OpenApiDocument } from './document';
import { DEFAULT_JIRA_SPEC_PATH, loadJiraSpec } from './index';

/**
 * The operations the Jira adapter (shared/src/jira) calls. Atlassian's own examples for them must pass the
 * validator; if one does not, either the validator is too strict or the spec contradicts itself.
 */
const ADAPTER_OPERATIONS = [
  'getIssue',
  'editIssue',
  'searchAndReconsileIssuesUsingJql',
  'searchAndReconsileIssuesUsingJqlPost',
  'getFields',
  'getIssueProperty',
  'setIssueProperty',
  'getTransitions',
  'doTransition',
  'getCurrentUser',
  'getMyPermissions',
  'getUser',
  'getUserGroups',
  'getUsersFromGroup',
];

/**
 * Examples the spec gets wrong, with why we trust the schema over the example. Listed so the test still fails on
 * any new disagreement, and notices when a spec update fixes one of these.
 */
const KNOWN_BAD_EXAMPLES = [
  // The schema (and real Jira) returns an array of GroupName; the example shows a single object.
  'getUserGroups 200: response 200 body $: must be array (got {"groupId":"276f955c-63d7-42c8-9520-92d01dca0625","name":...)',
];

const spec = loadJiraSpec();
const doc = JSON.parse(readFileSync(DEFAULT_JIRA_SPEC_PATH, 'utf8')) as OpenApiDocument;

/** The spec stores most examples as JSON text. */
function example(media: MediaType | undefined): { value: unknown } | undefined {
  if (!media || !('example' in media)) return undefined;
  if (typeof media.example !== 'string') return { value: media.example };
  try {
    return { value: JSON.parse(media.example) };
  } catch {
    return { value: media.example };
  }
}

it("accepts Atlassian's own examples for every operation the adapter calls", () => {
  const failures: string[] = [];
  let checked = 0;
  const found = new Set<string>();
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op?.operationId || !ADAPTER_OPERATIONS.includes(op.operationId)) continue;
      found.add(op.operationId);
      const path = template.replace(/\{[^}]+\}/g, '10000');
      const body =
        op.requestBody && 'content' in op.requestBody
          ? example(op.requestBody.content?.['application/json'])
          : undefined;
      if (body) {
        checked++;
        const headers = { 'content-type': 'application/json' };
        const v = spec.checkRequest({ method, path, query: '', requestHeaders: headers, requestBody: body.value });
        failures.push(...v.errors.map((e) => `${op.operationId} request: ${e}`));
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const sample = 'content' in response ? example(response.content?.['application/json']) : undefined;
        if (!sample) continue;
        checked++;
        const v = spec.checkResponse({ method, path, status: Number(status), responseBody: sample.value });
        failures.push(...v.errors.map((e) => `${op.operationId} ${status}: ${e}`));
      }
    }
  }
  expect([...found].sort()).toEqual([...ADAPTER_OPERATIONS].sort());
  expect(checked).toBeGreaterThanOrEqual(10);
  expect(failures).toEqual(KNOWN_BAD_EXAMPLES);
});
