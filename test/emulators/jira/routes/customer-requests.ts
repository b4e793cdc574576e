import { ISSUE_TYPES } from '../catalog';
import { defaultFields, insertNewIssue } from '../create';
import { adf, dateDto, jsmUserJson } from '../format';
import { type Ctx, jsmFail, type Reply, type Route } from '../http';
import type { StoredIssue } from '../state';
import { SUMMARY_LIMIT } from '../values';

/**
 * Raising a customer request (`POST /rest/servicedeskapi/request`), as the caller: the request lands in the
 * service desk's project with the request type's issue type, reported by whoever called. Field values are JSM's
 * plain forms (text, not ADF). https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/
 */

const API = '/rest/servicedeskapi';

/** The fields every emulated request type's form has; JSM refuses values for fields the form lacks. */
const FORM_FIELDS = new Set(['summary', 'description']);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function invalid(message: string, key: string): never {
  return jsmFail(400, message, key);
}

/**
 * Who may raise a request: customers in any service desk (every emulated portal is open to all customers), and
 * agents with Create issues. Anyone else is refused with 403, as JSM documents for a caller without permission.
 */
function mayRaise(ctx: Ctx): boolean {
  return ctx.user.accountType === 'customer' || ctx.site.can(ctx.user, 'CREATE_ISSUES');
}

function fieldValues(body: Record<string, unknown>): { summary: string; description: string | undefined } {
  const values = body.requestFieldValues;
  if (!isObject(values)) return invalid("The request needs 'requestFieldValues'.", 'sd.request.create.error.fields');
  for (const id of Object.keys(values)) {
    if (!FORM_FIELDS.has(id))
      invalid(`Field '${id}' is not valid for this request type.`, 'sd.request.create.error.field.invalid');
  }
  const { summary, description } = values;
  if (typeof summary !== 'string' || summary.trim() === '')
    invalid('You must specify a summary of the issue.', 'sd.request.create.error.summary.required');
  if ((summary as string).length >= SUMMARY_LIMIT)
    invalid('Summary must be less than 255 characters.', 'sd.request.create.error.summary.length');
  if (description !== undefined && typeof description !== 'string')
    invalid("Field 'description' must be text.", 'sd.request.create.error.field.invalid');
  return { summary: (summary as string).trim(), description: description as string | undefined };
}

function customerRequestJson(ctx: Ctx, issue: StoredIssue, serviceDeskId: string, text: string | undefined) {
  const base = ctx.site.baseUrl;
  const reporter = ctx.site.users.get(issue.fields.reporter ?? '');
  const status = ctx.site.status(issue.fields.status);
  return {
    _expands: ['participant', 'status', 'sla', 'requestType', 'serviceDesk', 'attachment', 'action', 'comment'],
    issueId: issue.id,
    issueKey: issue.key,
    requestTypeId: issue.fields.requestType,
    serviceDeskId,
    createdDate: dateDto(issue.fields.created),
    ...(reporter ? { reporter: jsmUserJson(base, reporter) } : {}),
    requestFieldValues: [
      { fieldId: 'summary', label: 'Summary', value: issue.fields.summary },
      ...(text === undefined ? [] : [{ fieldId: 'description', label: 'Description', value: text }]),
    ],
    currentStatus: {
      status: status.name,
      statusCategory: status.category.key.toUpperCase(),
      statusDate: dateDto(issue.fields.created),
    },
    _links: {
      jiraRest: `${base}/rest/api/2/issue/${issue.id}`,
      web: `${base}/servicedesk/customer/portal/${serviceDeskId}/${issue.key}`,
      agent: `${base}/browse/${issue.key}`,
      self: `${base}${API}/request/${issue.id}`,
    },
  };
}

/** Checked in JSM's order as far as it shows: permission, then the desk and type, then the field values. */
function createRequest(ctx: Ctx): Reply {
  const { site, user } = ctx;
  const body = isObject(ctx.body) ? ctx.body : {};
  if (!mayRaise(ctx))
    jsmFail(
      403,
      'You do not have permission to create requests in this service desk.',
      'sd.request.create.error.permission',
    );
  const deskId = body.serviceDeskId === undefined ? '' : String(body.serviceDeskId);
  const project = [...site.projects.values()].find((p) => p.serviceDeskId !== undefined && p.serviceDeskId === deskId);
  if (!project)
    invalid(
      'The service desk does not exist or you do not have permission to access it.',
      'sd.service.desk.error.not.found',
    );
  const typeId = body.requestTypeId === undefined ? '' : String(body.requestTypeId);
  const type = site.requestTypes.find((rt) => rt.id === typeId && rt.serviceDeskId === deskId);
  if (!type) invalid('The request type does not exist in this service desk.', 'sd.request.type.error.not.found');
  const { summary, description } = fieldValues(body);
  const fields = defaultFields(site, user.accountId);
  fields.summary = summary;
  if (description !== undefined) fields.description = adf(description);
  fields.issuetype = ISSUE_TYPES.find((t) => t.id === type.issueTypeId)?.name ?? fields.issuetype;
  fields.requestType = type.id;
  const issue = insertNewIssue(site, project.key, { fields, comments: [], properties: {} }, user.accountId);
  return { status: 201, body: customerRequestJson(ctx, issue, deskId, description) };
}

export const customerRequestRoutes: Route[] = [{ method: 'POST', pattern: `${API}/request`, handler: createRequest }];
