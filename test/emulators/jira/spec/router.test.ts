import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from './document';
import { createSpecValidator, DEFAULT_JIRA_SPEC_PATH, loadJiraSpec } from './index';

const spec = loadJiraSpec();

describe('path matching', () => {
  it('prefers literal segments over templated ones', () => {
    expect(spec.coverage('GET', '/rest/api/3/issue/createmeta')).toEqual({
      covered: true,
      operationId: 'getCreateIssueMeta',
      template: '/rest/api/3/issue/createmeta',
    });
    expect(spec.coverage('GET', '/rest/api/3/issue/SUP-1')).toEqual({
      covered: true,
      operationId: 'getIssue',
      template: '/rest/api/3/issue/{issueIdOrKey}',
    });
    // The leftmost difference decides: /issue/properties/... is literal where /issue/{key}/... is templated.
    expect(spec.coverage('DELETE', '/rest/api/3/issue/properties/switchboard.decision').template).toBe(
      '/rest/api/3/issue/properties/{propertyKey}',
    );
    expect(spec.coverage('GET', '/rest/api/3/issue/SUP-1/properties/switchboard.decision').template).toBe(
      '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    );
  });

  it('decides by specificity, not by the order the spec lists paths in', () => {
    const op = (operationId: string) => ({ get: { operationId, responses: { '200': {} } } });
    const mini = createSpecValidator(
      JSON.stringify({
        openapi: '3.0.1',
        paths: { '/a/{id}': op('byId'), '/a/b': op('literal'), '/x/{p}/c': op('late'), '/x/y/{q}': op('early') },
      }),
    );
    expect(mini.coverage('GET', '/a/b').operationId).toBe('literal');
    expect(mini.coverage('GET', '/a/c').operationId).toBe('byId');
    expect(mini.coverage('GET', '/x/y/c').operationId).toBe('early');
    expect(mini.coverage('GET', '/x/z/c').operationId).toBe('late');
  });

  it('leaves paths outside the spec uncovered and error-free', () => {
    const approval = { method: 'POST', path: '/rest/servicedeskapi/request/SUP-1/approval/7', query: '' };
    expect(spec.coverage(approval.method, approval.path)).toEqual({ covered: false });
    expect(spec.checkRequest({ ...approval, requestHeaders: {}, requestBody: { decision: 'approve' } })).toEqual({
      covered: false,
      errors: [],
    });
    expect(spec.checkResponse({ ...approval, status: 200, responseBody: {} })).toEqual({ covered: false, errors: [] });
    expect(spec.coverage('GET', '/rest/api/3/issue/SUP-1/')).toEqual({ covered: false });
  });

  it('reports a method the matched path does not document', () => {
    expect(spec.coverage('PATCH', '/rest/api/3/issue/SUP-1')).toEqual({
      covered: true,
      operationId: undefined,
      template: '/rest/api/3/issue/{issueIdOrKey}',
    });
    const v = spec.checkRequest({
      method: 'PATCH',
      path: '/rest/api/3/issue/SUP-1',
      query: '',
      requestHeaders: {},
      requestBody: {},
    });
    expect(v).toEqual({ covered: true, errors: ['PATCH is not documented for /rest/api/3/issue/{issueIdOrKey}'] });
  });

  it('routes every operation of the spec back to itself', () => {
    const doc = JSON.parse(readFileSync(DEFAULT_JIRA_SPEC_PATH, 'utf8')) as OpenApiDocument;
    const misrouted: string[] = [];
    let operations = 0;
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        operations++;
        const path = template.replace(/\{[^}]+\}/g, 'x-1');
        const found = spec.coverage(method, path);
        if (found.operationId !== op?.operationId) misrouted.push(`${method} ${template} -> ${found.template}`);
      }
    }
    expect(operations).toBeGreaterThan(500);
    expect(misrouted).toEqual([]);
  });
});
