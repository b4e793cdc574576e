import { BarChart, DynamicTable, Heading, Stack, Text } from '@forge/react';
import type { BacktestView } from '../../../resolvers/api';
import { percent } from '../../format';

type Result = NonNullable<BacktestView['result']>;

/** Per-field accuracy against the majority-class baseline, coverage, team load and SLA outcome. */
export function BacktestResults({ result }: { result: Result }) {
  const { coverage, precision, threshold } = result.coverageAtThreshold;
  // Long form (one row per field and series) is what BarChart's colorAccessor groups by.
  const bars = result.fields.flatMap((f) => [
    { field: f.field, series: 'Switchboard', accuracy: f.accuracy },
    { field: f.field, series: 'Majority class', accuracy: f.majority },
  ]);
  return (
    <Stack space="space.200">
      <Text>{`Trained on ${result.train} requests, tested on ${result.test}.`}</Text>
      <BarChart title="Accuracy per field" data={bars} xAccessor="field" yAccessor="accuracy" colorAccessor="series" />
      {/* The same numbers as text: a chart alone is not readable by everyone. */}
      <DynamicTable
        caption="Accuracy per field"
        head={{
          cells: [
            { key: 'field', content: 'Field' },
            { key: 'accuracy', content: 'Switchboard' },
            { key: 'majority', content: 'Majority class' },
            { key: 'f1', content: 'Macro F1' },
          ],
        }}
        rows={result.fields.map((f) => ({
          key: f.field,
          cells: [
            { key: 'field', content: f.field },
            { key: 'accuracy', content: percent(f.accuracy) },
            { key: 'majority', content: percent(f.majority) },
            { key: 'f1', content: f.macroF1.toFixed(2) },
          ],
        }))}
      />
      <Text>
        {`At the auto-apply threshold ${threshold}: ${percent(coverage)} of requests would be applied, ` +
          `${percent(precision)} of those correctly.`}
      </Text>
      <Heading size="xsmall">Team load</Heading>
      <DynamicTable
        caption="Requests per team"
        head={{
          cells: [
            { key: 'team', content: 'Team' },
            { key: 'tickets', content: 'Requests' },
          ],
        }}
        rows={result.teamLoad.map((t) => ({
          key: t.team,
          cells: [
            { key: 'team', content: t.team },
            { key: 'tickets', content: String(t.tickets) },
          ],
        }))}
      />
      <Heading size="xsmall">SLA</Heading>
      <Text>{`${result.sla.met} met, ${result.sla.atRisk} at risk, ${result.sla.breached} breached.`}</Text>
    </Stack>
  );
}
