import { Button, SectionMessage, Stack, Text } from '@forge/react';

interface Props {
  title: string;
  message: string;
  onRetry?: () => void;
}

/** A failed call is always said in words, so a surface is never silently blank. */
export function ErrorBox({ title, message, onRetry }: Props) {
  return (
    <SectionMessage appearance="error" title={title}>
      <Stack space="space.100">
        <Text>{message}</Text>
        {onRetry && (
          <Button appearance="subtle" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </SectionMessage>
  );
}
