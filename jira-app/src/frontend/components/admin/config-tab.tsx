import { Button, Label, SectionMessage, Spinner, Stack, Text, TextArea } from '@forge/react';
import { useEffect, useState } from 'react';
import type { SaveConfigResult } from '../../../resolvers/api';
import { call } from '../../call';
import { errorText, problemText } from '../../format';
import { useResolver } from '../../use-resolver';
import { ErrorBox } from '../error-box';

const YAML_ID = 'switchboard-config-yaml';

/** Edit the YAML configuration; the backend validates it and runs its examples before it is saved. */
export function ConfigTab() {
  const loaded = useResolver('admin.getConfig', {});
  const [yaml, setYaml] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<SaveConfigResult>();
  const [failure, setFailure] = useState<string>();

  // Start editing from what is stored, but never overwrite what the admin has typed since.
  useEffect(() => {
    if (loaded.data && yaml === undefined) setYaml(loaded.data.yaml);
  }, [loaded.data, yaml]);

  if (loaded.error) {
    return <ErrorBox title="Could not load the configuration" message={loaded.error} onRetry={loaded.reload} />;
  }
  if (!loaded.data || yaml === undefined) return <Spinner label="Loading the configuration" />;

  const save = async (): Promise<void> => {
    setSaving(true);
    setFailure(undefined);
    setOutcome(undefined);
    try {
      const result = await call('admin.saveConfig', { yaml });
      setOutcome(result);
      // The version line above should name what is now stored.
      if (result.ok) loaded.reload();
    } catch (e) {
      setFailure(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  const { version, source } = loaded.data;
  return (
    <Stack space="space.150">
      <Text>
        {source === 'default' ? `Built-in default configuration, version ${version}` : `Saved version ${version}`}
      </Text>
      <Label labelFor={YAML_ID}>Configuration (YAML)</Label>
      <TextArea
        id={YAML_ID}
        value={yaml}
        isMonospaced
        minimumRows={20}
        resize="vertical"
        isInvalid={outcome?.ok === false}
        onChange={(e) => setYaml(String(e.target.value ?? ''))}
      />
      <Button appearance="primary" isDisabled={saving} onClick={() => void save()}>
        {saving ? 'Saving…' : 'Save'}
      </Button>
      {failure && <ErrorBox title="Could not save" message={failure} />}
      {outcome && <SaveOutcome outcome={outcome} />}
    </Stack>
  );
}

function SaveOutcome({ outcome }: { outcome: SaveConfigResult }) {
  if (outcome.ok) {
    return (
      <SectionMessage appearance="success" title="Saved">
        <Text>{`Saved as version ${outcome.version}. New requests are triaged with it from now on.`}</Text>
      </SectionMessage>
    );
  }
  const count = outcome.errors.length + outcome.failedExamples.length;
  return (
    <SectionMessage appearance="error" title={`Not saved: ${count} problem${count === 1 ? '' : 's'}`}>
      <Stack space="space.050">
        {outcome.errors.map((p) => (
          <Text key={problemText(p)}>{problemText(p)}</Text>
        ))}
        {outcome.failedExamples.map((example) => (
          <Stack key={example.name} space="space.025">
            <Text weight="bold">{`Example "${example.name}" failed:`}</Text>
            {example.problems.map((problem) => (
              <Text key={problem}>{problem}</Text>
            ))}
          </Stack>
        ))}
      </Stack>
    </SectionMessage>
  );
}
