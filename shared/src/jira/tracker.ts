import { InvalidInputError, isInvalidInput, isSwitchboardError, isUnavailable, SwitchboardError } from '../errors';
import type { AdfDoc } from '../model/ticket';
import type {
  Approval,
  ApprovalDecision,
  CreatedRequest,
  IssueWrite,
  NewCustomerRequest,
  ReadOptions,
  RequestType,
  SearchOptions,
  SlaState,
  TrackedIssue,
  Transition,
  UserRef,
  WriteOutcome,
} from '../model/tracker';
import type { IssueTracker } from '../ports';
import { groupNames, pageValues, permissionFlags, toUserRef } from './directory';
import type { FieldInfo } from './fields';
import { commentProperties, editBody, textToAdf, toTrackedIssue } from './issue';
import { RECONCILE_MAX_IDS, SEARCH_PAGE_MAX_WITH_FIELDS, WRITE_MARKER_PROPERTY } from './limits';
import { accountId, issueRef, numericId, propertyKey } from './refs';
import { customerRequestBody, jsmPage, toApproval, toCreatedRequest, toRequestType, toSlaState } from './servicedesk';
import { JiraSiteCalls } from './site';

export type { DeadLetter, DeadLetterSink, JiraTrackerOptions } from './calls';

/** The one Jira adapter: IssueTracker on jira.js over an injected transport. */
export class JiraIssueTracker extends JiraSiteCalls implements IssueTracker {
  async getIssue(keyOrId: string, options: ReadOptions = {}): Promise<TrackedIssue> {
    const ref = issueRef(keyOrId);
    const { ids, custom, requestType } = await this.readFields(options.customFields);
    const bean = await this.call('get issue', () =>
      this.v3.issues.getIssue<unknown>({
        issueIdOrKey: ref,
        fields: ids,
        properties: (options.properties ?? []).map(propertyKey),
      }),
    );
    return toTrackedIssue(bean, custom, requestType);
  }

  async *search(jql: string, options: SearchOptions = {}): AsyncIterable<TrackedIssue[]> {
    const { ids, custom, requestType } = await this.readFields(options.customFields);
    const maxResults = Math.min(options.pageSize ?? SEARCH_PAGE_MAX_WITH_FIELDS, SEARCH_PAGE_MAX_WITH_FIELDS);
    const reconcileIssues = options.reconcileIssueIds?.map((id) => Number(numericId(id, 'reconcile issue id')));
    if (reconcileIssues && reconcileIssues.length > RECONCILE_MAX_IDS) {
      throw new InvalidInputError(
        [{ path: 'reconcileIssueIds', message: `at most ${RECONCILE_MAX_IDS} ids` }],
        'search',
      );
    }
    const seen = new Set<string>();
    let nextPageToken: string | undefined;
    do {
      const page = (await this.call('search issues', () =>
        this.v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost<unknown>({
          jql,
          maxResults,
          fields: ids,
          ...(options.properties ? { properties: options.properties.map(propertyKey) } : {}),
          ...(nextPageToken ? { nextPageToken } : {}),
          ...(reconcileIssues ? { reconcileIssues } : {}),
        }),
      )) as { issues?: unknown[]; nextPageToken?: string; isLast?: boolean };
      yield (page.issues ?? []).map((bean) => toTrackedIssue(bean, custom, requestType));
      nextPageToken = page.isLast === false || page.nextPageToken ? page.nextPageToken : undefined;
      if (nextPageToken !== undefined) {
        // A token handed out twice would page forever; Jira never does that, a broken proxy might.
        if (seen.has(nextPageToken))
          throw new SwitchboardError('unavailable', 'search issues: Jira repeated a page token');
        seen.add(nextPageToken);
      }
    } while (nextPageToken !== undefined);
  }

  async applyWrite(keyOrId: string, write: IssueWrite): Promise<WriteOutcome> {
    const ref = issueRef(keyOrId);
    const custom = new Map<string, FieldInfo>();
    for (const name of Object.keys(write.custom ?? {})) custom.set(name, await this.fields.byName(name));
    const body = editBody(write, custom, this.clock.now());
    try {
      return await this.write(
        'edit issue',
        ref,
        write,
        this.o.retry,
        () => this.v3.issues.editIssue({ issueIdOrKey: ref, ...body }).then((): WriteOutcome => 'applied'),
        {
          // A 5xx or a timeout may hide a PUT that landed; the marker written in that same PUT tells.
          beforeRetry: async ({ error }) =>
            isUnavailable(error) && (await this.landed(ref, write.writeId))
              ? { done: 'already-applied' as const }
              : undefined,
        },
      );
    } catch (e) {
      if (isInvalidInput(e)) this.fields.invalidate();
      throw e;
    }
  }

  async addComment(keyOrId: string, body: AdfDoc | string, options: { internal: boolean }): Promise<{ id: string }> {
    const ref = issueRef(keyOrId);
    const doc = typeof body === 'string' ? textToAdf(body) : body;
    const comment = { ...doc, version: doc.version ?? 1 };
    const created = await this.write('add comment', ref, { comment }, this.unambiguous(), () =>
      this.v3.issueComments.addComment<unknown>({
        issueIdOrKey: ref,
        comment,
        properties: commentProperties(options.internal),
      }),
    );
    return { id: String((created as { id?: unknown }).id ?? '') };
  }

  async transitions(keyOrId: string): Promise<Transition[]> {
    const ref = issueRef(keyOrId);
    const body = (await this.call('get transitions', () =>
      this.v3.issues.getTransitions<unknown>({ issueIdOrKey: ref }),
    )) as {
      transitions?: { id?: unknown; name?: unknown; to?: { name?: unknown } }[];
    };
    return (body.transitions ?? []).map((t) => ({
      id: String(t.id ?? ''),
      name: String(t.name ?? ''),
      to: String(t.to?.name ?? ''),
    }));
  }

  async transition(keyOrId: string, transition: string): Promise<void> {
    const ref = issueRef(keyOrId);
    let id = transition;
    if (!/^\d+$/.test(transition)) {
      const all = await this.transitions(ref);
      const found = all.find(
        (t) => t.name.toLowerCase() === transition.toLowerCase() || t.to.toLowerCase() === transition.toLowerCase(),
      );
      if (!found)
        throw new SwitchboardError('conflict', `transition: "${transition}" is not available from the issue's status`);
      id = found.id;
    }
    await this.write('transition issue', ref, { transition: id }, this.unambiguous(), () =>
      this.v3.issues.doTransition({ issueIdOrKey: ref, transition: { id } }),
    );
  }

  async getProperty(keyOrId: string, property: string): Promise<unknown> {
    const ref = issueRef(keyOrId);
    const key = propertyKey(property);
    try {
      const p = (await this.call('get issue property', () =>
        this.v3.issueProperties.getIssueProperty<unknown>({ issueIdOrKey: ref, propertyKey: key }),
      )) as { value?: unknown };
      return p.value;
    } catch (e) {
      if (isSwitchboardError(e, 'not_found')) return undefined;
      throw e;
    }
  }

  async setProperty(keyOrId: string, property: string, value: unknown): Promise<void> {
    const ref = issueRef(keyOrId);
    const key = propertyKey(property);
    // Jira wants "a valid, non-empty JSON blob"; null or nothing is not a value to store.
    if (value === null || value === undefined) {
      throw new InvalidInputError([{ path: key, message: 'a property value must not be null' }], 'issue property');
    }
    await this.write('set issue property', ref, { [key]: value }, this.o.retry, () =>
      // jira.js's setIssueProperty hands the value to axios as is, and axios sends a bare string as a form
      // body; serialising here makes every JSON value (string, number, null) arrive as JSON.
      this.v3.sendRequest(
        {
          url: `/rest/api/3/issue/${ref}/properties/${key}`,
          method: 'PUT',
          data: JSON.stringify(value),
          headers: { 'Content-Type': 'application/json' },
        },
        undefined as never,
      ),
    );
  }

  async myself(): Promise<UserRef & { groups: string[] }> {
    const me = (await this.call('get myself', () => this.v3.myself.getCurrentUser<unknown>({ expand: 'groups' }))) as {
      groups?: { items?: { name?: unknown }[] };
    };
    const groups = (me.groups?.items ?? []).flatMap((g) => (typeof g.name === 'string' ? [g.name] : []));
    return { ...toUserRef(me), groups };
  }

  async user(id: string): Promise<UserRef> {
    const ref = accountId(id);
    return toUserRef(await this.call('get user', () => this.v3.users.getUser<unknown>({ accountId: ref })));
  }

  async userGroups(id: string): Promise<string[]> {
    const ref = accountId(id);
    return groupNames(
      await this.call('get user groups', () => this.v3.users.getUserGroups<unknown>({ accountId: ref })),
    );
  }

  async groupMembers(group: string): Promise<UserRef[]> {
    const out: UserRef[] = [];
    for (let startAt = 0; ; ) {
      const page = pageValues(
        await this.call('get group members', () =>
          this.v3.groups.getUsersFromGroup<unknown>({ groupname: group, startAt, maxResults: 50 }),
        ),
      );
      out.push(...page.values.map(toUserRef));
      if (page.isLast) return out;
      startAt += page.values.length;
    }
  }

  async myPermissions(
    permissions: string[],
    scope: { projectKey?: string; issueKey?: string } = {},
  ): Promise<Record<string, boolean>> {
    const body = await this.call('get my permissions', () =>
      this.v3.permissions.getMyPermissions<unknown>({
        permissions: permissions.join(','),
        ...(scope.projectKey ? { projectKey: scope.projectKey } : {}),
        ...(scope.issueKey ? { issueKey: issueRef(scope.issueKey) } : {}),
      }),
    );
    return permissionFlags(body, permissions);
  }

  async requestTypes(): Promise<RequestType[]> {
    return this.jsmAll(
      'get request types',
      (page) => this.sd.requestType.getAllRequestTypes<unknown>(page),
      toRequestType,
    );
  }

  /** A POST that creates: retried only on 429, when Jira did nothing (a 5xx may hide a request that landed). */
  async createRequest(request: NewCustomerRequest): Promise<CreatedRequest> {
    const body = customerRequestBody(request);
    // The dead letter names the desk and type only: the summary and description are ticket text.
    const ids = { serviceDeskId: body.serviceDeskId, requestTypeId: body.requestTypeId };
    const created = await this.write(
      'create request',
      `servicedesk ${body.serviceDeskId}`,
      ids,
      this.unambiguous(),
      () => this.sd.request.createCustomerRequest<unknown>(body),
    );
    const out = toCreatedRequest(created);
    if (!out.issueKey) throw new SwitchboardError('unavailable', 'create request: JSM answered without an issue key');
    return out;
  }

  async approvals(keyOrId: string): Promise<Approval[]> {
    const ref = issueRef(keyOrId);
    const page = jsmPage(
      await this.call('get approvals', () => this.sd.request.getApprovals<unknown>({ issueIdOrKey: ref })),
    );
    return page.values.map(toApproval);
  }

  /**
   * Answers as the transport's identity, so Jira itself checks that the caller is an approver. An approval
   * that is already decided is a `conflict` naming the decision, whoever made it.
   */
  async answerApproval(keyOrId: string, approvalId: string, decision: ApprovalDecision): Promise<Approval> {
    const ref = issueRef(keyOrId);
    const id = Number(numericId(approvalId, 'approval id'));
    const current = async () =>
      toApproval(
        await this.call('get approval', () =>
          this.sd.request.getApprovalById<unknown>({ issueIdOrKey: ref, approvalId: id }),
        ),
      );
    const wanted = decision === 'approve' ? 'approved' : 'declined';
    try {
      const answered = await this.write(
        'answer approval',
        ref,
        { approvalId, decision },
        this.o.retry,
        () => this.sd.request.answerApproval<unknown>({ issueIdOrKey: ref, approvalId: id, decision }).then(toApproval),
        {
          beforeRetry: async ({ error }) => {
            if (!isUnavailable(error)) return undefined;
            const now = await current().catch(() => undefined);
            return now && now.finalDecision !== 'pending' ? { done: now } : undefined;
          },
        },
      );
      const approval = answered;
      if (approval.finalDecision !== 'pending' && approval.finalDecision !== wanted) throw decided(approval);
      return approval;
    } catch (e) {
      if (isInvalidInput(e)) {
        const now = await current();
        if (now.finalDecision !== 'pending') throw decided(now);
      }
      throw e;
    }
  }

  async slas(keyOrId: string): Promise<SlaState[]> {
    const ref = issueRef(keyOrId);
    const page = jsmPage(
      await this.call('get SLAs', () => this.sd.request.getSlaInformation<unknown>({ issueIdOrKey: ref })),
    );
    return page.values.map(toSlaState);
  }

  private async landed(ref: string, writeId: string): Promise<boolean> {
    try {
      const marker = (await this.getProperty(ref, WRITE_MARKER_PROPERTY)) as { id?: unknown } | undefined;
      return marker?.id === writeId;
    } catch {
      return false; // cannot tell yet: retry the write, which is idempotent for fields and properties
    }
  }
}

const decided = (a: Approval) =>
  new SwitchboardError(
    'conflict',
    `answer approval: already ${a.finalDecision}${a.completedAt ? ` at ${a.completedAt}` : ''}`,
  );
