import { Heading, Inline, Lozenge, Stack, Text } from '@forge/react';
import { type SlaClock, slaState, slaText } from '../../format';

export function SlaClocks({ clocks, timeZone }: { clocks: SlaClock[]; timeZone: string | undefined }) {
  if (clocks.length === 0) return null;
  return (
    <Stack space="space.050">
      <Heading size="xsmall">SLA</Heading>
      {clocks.map((clock) => {
        const state = slaState(clock);
        return (
          <Inline key={clock.metric} space="space.100" alignBlock="center">
            <Lozenge appearance={state.appearance}>{state.text}</Lozenge>
            <Text>{slaText(clock, timeZone)}</Text>
          </Inline>
        );
      })}
    </Stack>
  );
}
