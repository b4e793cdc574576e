import type { Exchange } from './types';

/** Hand-written exchanges shaped like real Jira Cloud traffic, for the validator's own tests. */

export const SITE = 'https://acme.atlassian.net';

export function exchange(over: Partial<Exchange> & Pick<Exchange, 'method' | 'path'>): Exchange {
  return {
    site: SITE,
    query: '',
    requestHeaders: { accept: 'application/json' },
    requestBody: undefined,
    status: 200,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: undefined,
    ...over,
  };
}

/** GET /rest/api/3/issue/SUP-1 as Jira answers it: ids are strings, fields free-form, dates without a colon. */
export function issueBean(): Record<string, unknown> {
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: '10001',
    self: `${SITE}/rest/api/3/issue/10001`,
    key: 'SUP-1',
    fields: {
      summary: 'VPN down for the whole Warsaw office',
      description: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Nobody can connect.' }] }],
      },
      labels: ['network'],
      priority: { self: `${SITE}/rest/api/3/priority/3`, id: '3', name: 'Medium' },
      status: { self: `${SITE}/rest/api/3/status/1`, id: '1', name: 'Open' },
      created: '2026-11-23T09:00:00.000+0000',
      resolution: null,
      customfield_10010: { requestType: { id: '2', name: 'Report a system problem' } },
    },
    properties: { 'switchboard.decision': { category: 'network' } },
  };
}

/** The one coalesced PUT the adapter sends: fields, a label, an internal comment and issue properties. */
export function editBody(): Record<string, unknown> {
  return {
    fields: { priority: { name: 'High' }, customfield_10020: { value: 'service-desk' } },
    update: {
      labels: [{ add: 'triaged' }],
      comment: [
        {
          add: {
            body: {
              type: 'doc',
              version: 1,
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Routed to network.' }] }],
            },
            properties: [{ key: 'sd.public.comment', value: { internal: true } }],
          },
        },
      ],
    },
    properties: [{ key: 'switchboard.write', value: { id: 'w-1', at: '2026-11-23T09:00:00.000Z' } }],
  };
}

export function searchPage(): Record<string, unknown> {
  return {
    issues: [{ id: '10001' }, { id: '10002' }],
    nextPageToken: 'CAEaAggD',
    isLast: false,
  };
}
