import { describe, expect, it } from 'vitest';
import { exchange } from './fixtures';
import { createSpecValidator, violations } from './index';
import { jsonPath } from './messages';

/** A small spec exercising the OpenAPI 3.0 rules Jira's spec leans on, each in isolation. */
const mini = createSpecValidator(
  JSON.stringify({
    openapi: '3.0.1',
    paths: {
      '/things/{id}': {
        put: {
          operationId: 'putThing',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'integer', format: 'int64' } },
            { name: 'Atlassian-Transfer-Id', in: 'header', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
            default: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } } },
          },
        },
      },
      // Jira's spec defines everything inline; references to shared parameters and responses work all the same.
      '/shared/{id}': {
        get: {
          operationId: 'getShared',
          parameters: [{ $ref: '#/components/parameters/Id' }],
          responses: { '200': { $ref: '#/components/responses/Thing' } },
        },
      },
    },
    components: {
      parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'integer' } } },
      responses: { Thing: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
      schemas: {
        Thing: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'name', 'secret'],
          properties: {
            id: { type: 'string', readOnly: true },
            name: { type: 'string', nullable: true },
            secret: { type: 'string', writeOnly: true },
            owner: { allOf: [{ $ref: '#/components/schemas/Owner' }], readOnly: true },
          },
        },
        Owner: { type: 'object', properties: { accountId: { type: 'string' } } },
        Problem: {
          type: 'object',
          required: ['errorMessages'],
          properties: { errorMessages: { type: 'array', items: { type: 'string' } } },
        },
      },
    },
  }),
);

const headers = { 'atlassian-transfer-id': '3571b9a7-348f-414a-9087-8e1ea03a7df8', 'content-type': 'application/json' };
const put = (requestBody: unknown, requestHeaders: Record<string, string> = headers, path = '/things/7') =>
  mini.checkRequest({ method: 'PUT', path, query: '', requestHeaders, requestBody });
const answer = (status: number, responseBody: unknown) =>
  mini.checkResponse({ method: 'PUT', path: '/things/7', status, responseBody });

describe('OpenAPI 3.0 semantics', () => {
  it('does not require readOnly properties in requests, and refuses them when sent', () => {
    expect(put({ name: 'a', secret: 's' }).errors).toEqual([]);
    expect(put({ name: 'a', secret: 's', id: '1', owner: { accountId: 'x' } }).errors).toEqual([
      'request body $.id: is readOnly: requests must not send it',
      'request body $.owner: is readOnly: requests must not send it',
    ]);
    expect(put({ name: 'a' }).errors).toEqual(["request body $: must have required property 'secret'"]);
  });

  it('does not require writeOnly properties in responses, and refuses them when returned', () => {
    expect(answer(200, { id: '1', name: 'a' }).errors).toEqual([]);
    expect(answer(200, { id: '1', name: 'a', secret: 's' }).errors).toEqual([
      'response 200 body $.secret: is writeOnly: responses must not carry it',
    ]);
    expect(answer(200, { name: 'a' }).errors).toEqual(["response 200 body $: must have required property 'id'"]);
  });

  it('honours nullable', () => {
    expect(put({ name: null, secret: 's' }).errors).toEqual([]);
    expect(put({ name: 'a', secret: null }).errors).toEqual(['request body $.secret: must be string (got null)']);
  });

  it('checks header parameters case-insensitively, and their format', () => {
    expect(put({ name: 'a', secret: 's' }, { 'Content-Type': 'application/json' }).errors).toEqual([
      "header parameter 'Atlassian-Transfer-Id' is required",
    ]);
    expect(put({ name: 'a', secret: 's' }, { ...headers, 'atlassian-transfer-id': 'not-a-uuid' }).errors).toEqual([
      'header parameter \'Atlassian-Transfer-Id\': must match format "uuid" (got "not-a-uuid")',
    ]);
  });

  it('checks integer path parameters against the 64-bit range Jira parses them into', () => {
    expect(put({ name: 'a', secret: 's' }, headers, '/things/9223372036854775807').errors).toEqual([]);
    expect(put({ name: 'a', secret: 's' }, headers, '/things/9223372036854775808').errors).toEqual([
      'path parameter \'id\': "9223372036854775808" is outside the 64-bit integer range',
    ]);
  });

  it('follows $ref to shared parameters and responses', () => {
    expect(
      mini.checkRequest({ method: 'GET', path: '/shared/x', query: '', requestHeaders: {}, requestBody: undefined }),
    ).toEqual({
      covered: true,
      operationId: 'getShared',
      errors: ['path parameter \'id\': "x" is not an integer'],
    });
    const v = mini.checkResponse({ method: 'GET', path: '/shared/1', status: 200, responseBody: { id: 1, name: 'a' } });
    expect(v.errors).toEqual(['response 200 body $.id: must be string (got 1)']);
  });

  it('falls back to the default response for undocumented statuses', () => {
    expect(answer(409, { errorMessages: ['conflict'] }).errors).toEqual([]);
    expect(answer(409, { errors: {} }).errors).toEqual([
      "response 409 body $: must have required property 'errorMessages'",
    ]);
  });
});

describe('reports', () => {
  it('renders JSON pointers as JSON paths', () => {
    expect(jsonPath('')).toBe('$');
    expect(jsonPath('/issues/0/fields/customfield_10010')).toBe('$.issues[0].fields.customfield_10010');
    expect(jsonPath('/urls/16x16/a~1b~0c')).toBe('$.urls["16x16"]["a/b~c"]');
  });

  it('lists failing exchanges with their errors, and nothing when all conform', () => {
    const good = exchange({
      method: 'PUT',
      path: '/things/7',
      requestHeaders: headers,
      requestBody: { name: 'a', secret: 's' },
      responseBody: { id: '7', name: 'a' },
    });
    const uncovered = exchange({ method: 'GET', path: '/elsewhere' });
    const bad = { ...good, query: 'x=1', status: 200, responseBody: { id: 7, name: 'a' } };
    expect(violations(mini, [good, uncovered])).toBe('');
    expect(violations(mini, [good, uncovered, bad])).toBe(
      [
        '#2 PUT /things/7?x=1 -> 200 (putThing)',
        "  - unknown query parameter 'x' (documented: none)",
        '  - response 200 body $.id: must be string (got 7)',
      ].join('\n'),
    );
  });
});
