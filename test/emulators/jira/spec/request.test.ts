import { describe, expect, it } from 'vitest';
import { editBody, exchange } from './fixtures';
import { loadJiraSpec } from './index';

const spec = loadJiraSpec();
const json = { 'content-type': 'application/json' };

describe('request bodies', () => {
  it('accepts the coalesced edit: fields, update.labels, update.comment with properties, issue properties', () => {
    const v = spec.checkRequest(
      exchange({
        method: 'PUT',
        path: '/rest/api/3/issue/SUP-1',
        query: 'notifyUsers=false',
        requestHeaders: json,
        requestBody: editBody(),
      }),
    );
    expect(v).toEqual({ covered: true, operationId: 'editIssue', errors: [] });
  });

  it('rejects an edit whose properties are an object instead of a list, naming the JSON path', () => {
    const body = { ...editBody(), properties: { 'switchboard.write': { id: 'w-1' } } };
    const v = spec.checkRequest(
      exchange({ method: 'PUT', path: '/rest/api/3/issue/SUP-1', requestHeaders: json, requestBody: body }),
    );
    expect(v.errors).toEqual(['request body $.properties: must be array (got {"switchboard.write":{"id":"w-1"}})']);
  });

  it('rejects an update operation that is not a list of operations', () => {
    const body = { update: { comment: { add: { body: 'text' } } } };
    const v = spec.checkRequest(
      exchange({ method: 'PUT', path: '/rest/api/3/issue/SUP-1', requestHeaders: json, requestBody: body }),
    );
    expect(v.errors).toEqual(['request body $.update.comment: must be array (got {"add":{"body":"text"}})']);
  });

  it('rejects readOnly properties in a request but does not require them', () => {
    const sent = { transition: { id: '31', name: 'Done' } };
    const v = spec.checkRequest(
      exchange({
        method: 'POST',
        path: '/rest/api/3/issue/SUP-1/transitions',
        requestHeaders: json,
        requestBody: sent,
      }),
    );
    expect(v.errors).toEqual(['request body $.transition.name: is readOnly: requests must not send it']);
    const ok = { transition: { id: '31' } };
    const fine = spec.checkRequest(
      exchange({ method: 'POST', path: '/rest/api/3/issue/SUP-1/transitions', requestHeaders: json, requestBody: ok }),
    );
    expect(fine.errors).toEqual([]);
  });

  it('requires a body where the spec does, and refuses one where the operation takes none', () => {
    expect(spec.checkRequest(exchange({ method: 'PUT', path: '/rest/api/3/issue/SUP-1' })).errors).toEqual([
      'request body is required',
    ]);
    const get = exchange({
      method: 'GET',
      path: '/rest/api/3/issue/SUP-1',
      requestHeaders: json,
      requestBody: { a: 1 },
    });
    expect(spec.checkRequest(get).errors).toEqual(['request body sent, but the operation takes none']);
  });

  it('refuses a content type the operation does not accept', () => {
    const e = exchange({
      method: 'PUT',
      path: '/rest/api/3/issue/SUP-1',
      requestHeaders: { 'Content-Type': 'text/plain; charset=utf-8' },
      requestBody: 'summary=x',
    });
    expect(spec.checkRequest(e).errors).toEqual([
      'request content type text/plain is not accepted (documented: application/json)',
    ]);
  });
});

describe('query parameters', () => {
  const search = (query: string) =>
    spec.checkRequest(exchange({ method: 'GET', path: '/rest/api/3/search/jql', query }));

  it('accepts a search/jql page request with nextPageToken, and fields both comma-separated and repeated', () => {
    expect(search('jql=project%20%3D%20SUP&nextPageToken=CAEaAggD&maxResults=50&fields=summary,status')).toEqual({
      covered: true,
      operationId: 'searchAndReconsileIssuesUsingJql',
      errors: [],
    });
    expect(
      search('jql=project+%3D+SUP&fields=summary&fields=status&fieldsByKeys=true&reconcileIssues=10001,10002').errors,
    ).toEqual([]);
  });

  it('rejects a maxResults that is not an integer, and one past int32', () => {
    expect(search('jql=x&maxResults=ten').errors).toEqual(['query parameter \'maxResults\': "ten" is not an integer']);
    expect(search('jql=x&maxResults=4294967296').errors).toEqual([
      'query parameter \'maxResults\': must match format "int32" (got 4294967296)',
    ]);
  });

  it('rejects unknown parameters, listing the documented ones', () => {
    const [error] = search('jql=x&startAt=0').errors;
    expect(error).toMatch(/^unknown query parameter 'startAt' \(documented: jql, nextPageToken, maxResults, fields, /);
  });

  it('rejects a boolean that Jira would silently read as false, and array items of the wrong type', () => {
    expect(search('fieldsByKeys=yes').errors).toEqual(['query parameter \'fieldsByKeys\': "yes" is not true or false']);
    expect(search('reconcileIssues=10001,SUP-2').errors).toEqual([
      'query parameter \'reconcileIssues\': "SUP-2" is not an integer',
    ]);
  });

  it('rejects a scalar parameter given twice', () => {
    expect(search('jql=a&jql=b').errors).toEqual(["query parameter 'jql': given 2 times, but it is not an array"]);
  });

  it('checks required parameters, enums and uniqueItems', () => {
    const types = (query: string) =>
      spec.checkRequest(exchange({ method: 'GET', path: '/rest/api/3/issuetype/project', query }));
    expect(types('').errors).toEqual(["query parameter 'projectId' is required"]);
    expect(types('projectId=10000').errors).toEqual([]);
    const dashboards = spec.checkRequest(
      exchange({ method: 'GET', path: '/rest/api/3/dashboard', query: 'filter=mine' }),
    );
    expect(dashboards.errors).toEqual([
      'query parameter \'filter\': must be equal to one of the allowed values ["my","favourite"] (got "mine")',
    ]);
    const schemes = spec.checkRequest(
      exchange({ method: 'GET', path: '/rest/api/3/issuetypescheme/project', query: 'projectId=10000,10000' }),
    );
    expect(schemes.errors).toEqual([
      "query parameter 'projectId': must NOT have duplicate items (items ## 1 and 0 are identical) (got [10000,10000])",
    ]);
  });

  it('reports malformed percent-encoding instead of guessing', () => {
    expect(search('jql=%E0%A4%A').errors).toEqual(['query string is not valid percent-encoding: "jql=%E0%A4%A"']);
  });
});

describe('path parameters', () => {
  it('decodes segments and checks their declared type', () => {
    const ok = spec.checkRequest(exchange({ method: 'GET', path: '/rest/api/3/issuesecurityschemes/10000' }));
    expect(ok.errors).toEqual([]);
    const bad = spec.checkRequest(exchange({ method: 'GET', path: '/rest/api/3/issuesecurityschemes/abc' }));
    expect(bad.errors).toEqual(['path parameter \'id\': "abc" is not an integer']);
    const encoded = spec.checkRequest(
      exchange({ method: 'GET', path: '/rest/api/3/issue/SUP-1/properties/sd%2Fpublic' }),
    );
    expect(encoded).toEqual({ covered: true, operationId: 'getIssueProperty', errors: [] });
  });
});
