import { Button, ErrorMessage, Label, Select, Stack } from '@forge/react';
import { useState } from 'react';
import type { CorrectableField } from '../../../resolvers/api';
import { call } from '../../call';
import { errorText, fieldName } from '../../format';
import { selectedValue } from '../select-value';

interface Props {
  issueKey: string;
  field: CorrectableField;
  current: string | null;
  options: string[];
  onRecorded: () => void;
}

/** "Wrong?" opens a list of the other values; choosing one records the correction at once. */
export function Correction({ issueKey, field, current, options, onRecorded }: Props) {
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const name = fieldName(field).toLowerCase();

  if (!open) {
    return (
      <Button appearance="subtle" spacing="compact" onClick={() => setOpen(true)}>
        {`Wrong ${name}?`}
      </Button>
    );
  }

  const record = async (value: string): Promise<void> => {
    setSaving(true);
    setError(undefined);
    try {
      await call('panel.correct', { issueKey, field, value });
      setOpen(false);
      onRecorded();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setSaving(false);
    }
  };
  const id = `switchboard-correct-${field}`;
  return (
    <Stack space="space.050">
      <Label labelFor={id}>{`Correct ${name}`}</Label>
      <Select
        id={id}
        isDisabled={saving}
        isLoading={saving}
        options={options.filter((o) => o !== current).map((o) => ({ label: o, value: o }))}
        onChange={(option: unknown) => {
          const value = selectedValue(option);
          if (value !== undefined) void record(value);
        }}
      />
      <Button appearance="subtle" spacing="compact" isDisabled={saving} onClick={() => setOpen(false)}>
        Cancel
      </Button>
      {error && <ErrorMessage>{`The correction was not recorded: ${error}`}</ErrorMessage>}
    </Stack>
  );
}
