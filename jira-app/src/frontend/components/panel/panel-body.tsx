import { Heading, Inline, Lozenge, SectionMessage, Stack, Text } from '@forge/react';
import type { ReactNode } from 'react';
import type { CorrectableField, DecisionView, PanelView } from '../../../resolvers/api';
import { categoryText, correctionText, currentValue, formatWhen, percent, priorityText, teamText } from '../../format';
import { Correction } from './correction';
import { SlaClocks } from './sla-clocks';

interface Props {
  view: PanelView;
  timeZone: string | undefined;
  onCorrected: () => void;
}

export function PanelBody({ view, timeZone, onCorrected }: Props) {
  const { decision, corrections } = view;
  return (
    <Stack space="space.200">
      {decision ? (
        <Decision view={view} decision={decision} timeZone={timeZone} onCorrected={onCorrected} />
      ) : (
        <Text>Switchboard has not triaged this request yet.</Text>
      )}
      {corrections.length > 0 && (
        <Stack space="space.050">
          <Heading size="xsmall">Corrections</Heading>
          {corrections.map((c) => (
            <Text key={`${c.field}-${c.at}`}>{correctionText(c, timeZone)}</Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function Decision({ view, decision, timeZone, onCorrected }: Props & { decision: DecisionView }) {
  const correctable = (field: CorrectableField, options: string[]) => (
    <Correction
      issueKey={view.issueKey}
      field={field}
      current={currentValue(decision, field)}
      options={options}
      onRecorded={onCorrected}
    />
  );
  return (
    <Stack space="space.150">
      <Inline space="space.100" alignBlock="center">
        <Lozenge appearance={decision.applied ? 'success' : 'new'}>
          {decision.applied ? 'applied' : 'suggested only'}
        </Lozenge>
        <Text>{`Decided ${formatWhen(decision.decidedAt, timeZone)}`}</Text>
      </Inline>
      {decision.needsApproval.required && (
        <SectionMessage appearance="warning" title="Needs approval">
          <Stack space="space.050">
            {decision.needsApproval.reasons.map((reason) => (
              <Text key={reason}>{reason}</Text>
            ))}
          </Stack>
        </SectionMessage>
      )}
      <Field title="Category" value={categoryText(decision.category)}>
        {correctable('category', view.options.categories)}
      </Field>
      <Field title="Priority" value={priorityText(decision.priority)}>
        {correctable('priority', view.options.priorities)}
      </Field>
      <Field title="Team" value={teamText(decision.team)} reason={decision.team.reason}>
        {correctable('team', view.options.teams)}
      </Field>
      <Field title="Assignee" value={decision.assignee.name ?? 'nobody'} reason={decision.assignee.reason} />
      <SlaClocks clocks={decision.sla} timeZone={timeZone} />
      {decision.duplicates.length > 0 && (
        <Stack space="space.050">
          <Heading size="xsmall">Likely duplicates</Heading>
          {decision.duplicates.map((d) => (
            <Text key={d.key}>{`${d.key} (${percent(d.score)} similar)`}</Text>
          ))}
        </Stack>
      )}
      <Stack space="space.050">
        <Heading size="xsmall">Why</Heading>
        {decision.explanation.map((sentence) => (
          <Text key={sentence}>{sentence}</Text>
        ))}
      </Stack>
    </Stack>
  );
}

function Field({
  title,
  value,
  reason,
  children,
}: {
  title: string;
  value: string;
  reason?: string;
  children?: ReactNode;
}) {
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Text weight="bold">{`${title}:`}</Text>
        <Text>{value}</Text>
        {children}
      </Inline>
      {reason && <Text size="small">{reason}</Text>}
    </Stack>
  );
}
