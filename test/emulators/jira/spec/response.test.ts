import { describe, expect, it } from 'vitest';
import { exchange, issueBean, searchPage } from './fixtures';
import { loadJiraSpec } from './index';

const spec = loadJiraSpec();
const getIssue = (status: number, responseBody: unknown) =>
  spec.checkResponse({ method: 'GET', path: '/rest/api/3/issue/SUP-1', status, responseBody });

describe('response bodies', () => {
  it('accepts an IssueBean as Jira sends it', () => {
    expect(getIssue(200, issueBean())).toEqual({ covered: true, operationId: 'getIssue', errors: [] });
  });

  it('rejects a numeric issue id, a relative self link and a property IssueBean does not have', () => {
    const bean = { ...issueBean(), id: 10001, self: 'rest/api/3/issue/10001', summary: 'misplaced' };
    expect(getIssue(200, bean).errors).toEqual([
      'response 200 body $: must NOT have additional properties ("summary")',
      'response 200 body $.id: must be string (got 10001)',
      'response 200 body $.self: must match format "uri" (got "rest/api/3/issue/10001")',
    ]);
  });

  it('checks nested component schemas (transitions of an expanded issue)', () => {
    const bean = { ...issueBean(), transitions: [{ id: '31', name: 'Done', hasScreen: 'no' }] };
    expect(getIssue(200, bean).errors).toEqual([
      'response 200 body $.transitions[0].hasScreen: must be boolean (got "no")',
    ]);
  });

  it('accepts a search/jql page and rejects a numeric nextPageToken', () => {
    const page = (body: unknown) =>
      spec.checkResponse({ method: 'GET', path: '/rest/api/3/search/jql', status: 200, responseBody: body });
    expect(page(searchPage()).errors).toEqual([]);
    expect(page({ ...searchPage(), nextPageToken: 2 }).errors).toEqual([
      'response 200 body $.nextPageToken: must be string (got 2)',
    ]);
  });

  it('requires a body where the documented schema describes one', () => {
    expect(getIssue(200, undefined).errors).toEqual(['response 200 body is missing']);
  });
});

describe('statuses', () => {
  it('refuses a body on 204, even where the spec lists content for it', () => {
    const edit = (responseBody: unknown) =>
      spec.checkResponse({ method: 'PUT', path: '/rest/api/3/issue/SUP-1', status: 204, responseBody });
    expect(edit(undefined).errors).toEqual([]);
    expect(edit('').errors).toEqual([]);
    expect(edit({ id: '10001' }).errors).toEqual(['response 204 must have no body']);
  });

  it('accepts 429 and 5xx from any operation without looking at the body', () => {
    expect(getIssue(429, { message: 'rate limited' })).toEqual({ covered: true, operationId: 'getIssue', errors: [] });
    expect(getIssue(503, '<html>unavailable</html>').errors).toEqual([]);
  });

  it('refuses a status the operation does not document', () => {
    expect(getIssue(403, { errorMessages: ['no'] }).errors).toEqual([
      'response status 403 is not documented (documented: 200, 401, 404)',
    ]);
  });

  it('accepts any body on a documented status that declares no content (Jira error bodies)', () => {
    expect(getIssue(404, { errorMessages: ['Issue does not exist'], errors: {} }).errors).toEqual([]);
  });
});

describe('check()', () => {
  it('reports request and response problems together', () => {
    const e = exchange({
      method: 'GET',
      path: '/rest/api/3/issue/SUP-1',
      query: 'expand=names&foo=1',
      responseBody: 'nope',
    });
    expect(spec.check(e).errors).toEqual([
      "unknown query parameter 'foo' (documented: fields, fieldsByKeys, expand, properties, updateHistory, failFast)",
      'response 200 body $: must be object (got "nope")',
    ]);
  });

  it('leaves the response of an injected fault unchecked but still checks the request', () => {
    const e = exchange({
      method: 'GET',
      path: '/rest/api/3/issue/SUP-1',
      query: 'foo=1',
      status: 200,
      responseBody: '{"trunc',
      fault: 'truncated',
    });
    expect(spec.check(e).errors).toEqual([
      "unknown query parameter 'foo' (documented: fields, fieldsByKeys, expand, properties, updateHistory, failFast)",
    ]);
  });
});
