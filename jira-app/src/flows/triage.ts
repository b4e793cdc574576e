import {
  type AdfDoc,
  type Decision,
  emptyPeopleState,
  type IssueWrite,
  isInvalidInput,
  type PeopleState,
  recordAssignment,
  triage,
} from '@switchboard/shared';
import type { TriageJob } from '../events';
import { log } from '../log';
import type { Platform } from '../platform';
import { currentEngine } from '../store/config';
import { currentModel } from '../store/model';
import { recentIndex, remember } from '../store/recent';
import { priorityName, projectOverrides, settings } from '../store/settings';
import { countApplied } from './corrections';
import { type DecisionRecord, epochSeconds, toView } from './decision-view';
import { escalationAudience } from './escalation-audience';
import { notifySlack } from './slack-out';
import { sendTriageNotices } from './triage-notices';

const WRITE_MARKER = 'switchboard.write';
const DECISION_PROPERTY = 'switchboard.decision';
const PEOPLE_KEY = 'people:state';

export type TriageOutcome = 'applied' | 'suggested' | 'already-applied' | 'disabled';

/**
 * Flow 1 (DESIGN §2): one read, triage, one coalesced write. The write's id is derived from the issue, so a
 * redelivered or reordered job finds its own marker on the read and writes nothing.
 */
export async function runTriage(p: Platform, job: TriageJob): Promise<TriageOutcome> {
  const jira = p.jira();
  const s = await settings(p.kv);
  const writeId = `triage:${job.issueId}`;
  const issue = await jira.getIssue(job.issueId, {
    customFields: s.teamField ? [s.teamField] : [],
    properties: [WRITE_MARKER],
  });
  if ((issue.properties[WRITE_MARKER] as { id?: unknown } | undefined)?.id === writeId) return 'already-applied';
  const overrides = await projectOverrides(p.kv, issue.ticket.project);
  if (!overrides.enabled) return 'disabled';

  const engine = await currentEngine(p.kv);
  const people = (await p.kv.get<PeopleState>(PEOPLE_KEY)) ?? emptyPeopleState();
  const history = await recentIndex(p.kv);
  const decision = triage(issue.ticket, {
    engine,
    now: p.now(),
    classifier: await currentModel(p.kv),
    people,
    history,
  });
  const threshold = overrides.autoApplyAt ?? engine.config.classify.autoApplyAt;
  // Only a model's guess below the threshold is held back; rules and the priority matrix are the admin's own.
  const confident = decision.classification.source !== 'model' || decision.classification.confidence >= threshold;

  const record: DecisionRecord = {
    issueKey: issue.key,
    projectKey: issue.ticket.project ?? '',
    decidedAt: epochSeconds(p.now()),
    applied: false,
    view: toView(decision, false),
    written: {},
  };
  let outcome: TriageOutcome = 'suggested';
  let assignedTo: string | undefined;
  if (confident) {
    let write = decisionWrite(decision, writeId, s);
    try {
      outcome = await jira.applyWrite(issue.id, write);
    } catch (e) {
      if (!isInvalidInput(e) || (write.assignee === undefined && write.custom === undefined)) throw e;
      // Jira refused part of the write (an assignee who cannot be assigned, a team value the field lacks):
      // the request still gets its priority and explanation, and the refusal is recorded, not retried forever.
      const refusal = e.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
      log('write-degraded', { issue: issue.key, reason: refusal });
      write = { ...decisionWrite(decision, writeId, s, refusal), assignee: undefined, custom: undefined };
      outcome = await jira.applyWrite(issue.id, write);
    }
    record.applied = true;
    record.view = toView(decision, true);
    record.written = {
      priority: write.priority,
      ...(s.teamField ? { team: decision.team.name } : {}),
      ...(decision.classification.label ? { category: decision.classification.label } : {}),
    };
    if (outcome === 'applied') await countApplied(p, record.written);
    if (decision.assignee.id && write.assignee === decision.assignee.id) {
      assignedTo = decision.assignee.id;
      await p.kv.set(PEOPLE_KEY, recordAssignment(people, decision.team.name, decision.assignee.id));
    }
  }
  await p.entities.set('decision', issue.id, record);
  await remember(p.kv, issue.id, issue.ticket, issue.ticket.created ? Date.parse(issue.ticket.created) : p.now());
  await p.entities.set('audit', `${issue.id}:${record.decidedAt}:triage`, {
    issueKey: issue.key,
    at: record.decidedAt,
    kind: outcome,
    detail: { engine: decision.versions.engine, config: decision.versions.config, model: decision.versions.model },
  });
  // One escalation per request; the event id is derived from it, so a redelivered job's second notice is
  // recognised by the Slack service as the same event.
  if (decision.needsApproval.required) {
    const escalationId = `esc-${issue.id}`;
    await notifySlack(
      p,
      'escalation.proposed',
      {
        escalationId,
        issueKey: issue.key,
        // The Slack service shows the summary (escaped) and refuses an approval from the requester.
        summary: issue.ticket.summary,
        requesterAccountId: issue.ticket.reporter?.accountId,
        reasons: decision.needsApproval.reasons,
        priority: decision.priority.level,
        team: decision.team.name,
        // Who may decide, who is asked after fallbackAfter, and the site's timing (flows/escalation-audience.ts).
        ...(await escalationAudience(p, engine.config)),
      },
      1,
      `escalation.proposed:${escalationId}`,
    );
  }
  await sendTriageNotices(p, {
    issueId: issue.id,
    issueKey: issue.key,
    summary: issue.ticket.summary,
    decision,
    applied: record.applied,
    assignedTo,
  });
  log('triaged', {
    issue: issue.key,
    outcome,
    priority: decision.priority.level,
    team: decision.team.name,
    confidence: decision.classification.confidence.toFixed(2),
  });
  return outcome;
}

/** The decision as one write: priority, assignee, label, team field, an internal comment and the decision property. */
export function decisionWrite(
  d: Decision,
  writeId: string,
  s: Awaited<ReturnType<typeof settings>>,
  refusal?: string,
): IssueWrite {
  return {
    writeId,
    priority: priorityName(s, d.priority.level),
    ...(d.assignee.id ? { assignee: d.assignee.id } : {}),
    labelsAdd: [s.triagedLabel, ...d.labels],
    ...(s.teamField ? { custom: { [s.teamField]: d.team.name } } : {}),
    comment: { body: explanationDoc(d, refusal), internal: true },
    properties: {
      [DECISION_PROPERTY]: {
        priority: d.priority.level,
        team: d.team.name,
        category: d.classification.label,
        confidence: d.classification.confidence,
        versions: d.versions,
        decidedAt: d.decidedAt,
      },
    },
  };
}

/** The explanation as an ADF bullet list: agents read why, in Jira, next to the change. */
function explanationDoc(d: Decision, refusal?: string): AdfDoc {
  const lines = [
    ...d.explanation,
    ...(refusal ? [`Jira refused part of this decision, so it was left out: ${refusal}`] : []),
  ];
  return {
    type: 'doc',
    version: 1,
    content: [
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'Switchboard triaged this request:', marks: [{ type: 'strong' }] }],
      },
      {
        type: 'bulletList',
        content: lines
          .map((line) => line.trim())
          .filter((line) => line !== '')
          .map((line) => ({
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: line }] }],
          })),
      },
    ],
  };
}
