import {
  Button,
  ErrorMessage,
  HelperMessage,
  Label,
  SectionMessage,
  Spinner,
  Stack,
  Text,
  Textfield,
  Toggle,
  useProductContext,
} from '@forge/react';
import { useEffect, useState } from 'react';
import type { InputProblem } from '../../../resolvers/api';
import { call } from '../../call';
import { extensionKey } from '../../context';
import { errorText, problemText } from '../../format';
import { useResolver } from '../../use-resolver';
import { ErrorBox } from '../error-box';
import { type OverrideField, type OverridesForm, problemField, readOverrides, toForm } from './overrides-form';

const ENABLED_ID = 'switchboard-project-enabled';
const THRESHOLD_ID = 'switchboard-project-threshold';
const TEAM_ID = 'switchboard-project-team';

/** The jira:projectSettingsPage: per-project overrides of the site configuration. */
export function ProjectSettingsPage() {
  const context = useProductContext();
  const projectKey = extensionKey(context, 'project');
  const stored = useResolver('project.get', projectKey === undefined ? undefined : { projectKey });
  const [form, setForm] = useState<OverridesForm>();
  const [problems, setProblems] = useState<InputProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (stored.data && form === undefined) setForm(toForm(stored.data));
  }, [stored.data, form]);

  if (context && projectKey === undefined) {
    return <ErrorBox title="No project here" message="These settings only work on a Jira project." />;
  }
  if (stored.error) {
    return <ErrorBox title="Could not load the project settings" message={stored.error} onRetry={stored.reload} />;
  }
  if (!projectKey || !form) return <Spinner label="Loading the project settings" />;

  const edit = (change: Partial<OverridesForm>): void => {
    setForm((current) => current && { ...current, ...change });
    setSaved(false);
  };
  const save = async (): Promise<void> => {
    const read = readOverrides(form);
    setProblems(read.problems);
    setSaved(false);
    if (!read.overrides) return;
    setSaving(true);
    try {
      const result = await call('project.save', { projectKey, overrides: read.overrides });
      if (result.ok) setSaved(true);
      else setProblems(result.errors);
    } catch (e) {
      setProblems([{ path: '', message: `Not saved: ${errorText(e)}` }]);
    } finally {
      setSaving(false);
    }
  };
  const inline = (field: OverrideField | undefined) => problems.filter((p) => problemField(p) === field);

  return (
    <Stack space="space.150">
      <Stack space="space.050">
        <Label labelFor={ENABLED_ID}>Triage new requests in this project</Label>
        <Toggle id={ENABLED_ID} isChecked={form.enabled} onChange={() => edit({ enabled: !form.enabled })} />
        <Text>{form.enabled ? 'Switchboard is on for this project.' : 'Switchboard is off for this project.'}</Text>
      </Stack>
      <Stack space="space.050">
        <Label labelFor={THRESHOLD_ID}>Auto-apply threshold (0 to 1)</Label>
        <Textfield
          id={THRESHOLD_ID}
          value={form.autoApplyAt}
          isInvalid={inline('autoApplyAt').length > 0}
          onChange={(e) => edit({ autoApplyAt: String(e.target.value ?? '') })}
        />
        <HelperMessage>Decisions at least this confident are applied; empty uses the site setting.</HelperMessage>
        {inline('autoApplyAt').map((p) => (
          <ErrorMessage key={p.message}>{p.message}</ErrorMessage>
        ))}
      </Stack>
      <Stack space="space.050">
        <Label labelFor={TEAM_ID}>Default team</Label>
        <Textfield
          id={TEAM_ID}
          value={form.defaultTeam}
          isInvalid={inline('defaultTeam').length > 0}
          onChange={(e) => edit({ defaultTeam: String(e.target.value ?? '') })}
        />
        <HelperMessage>Used when no routing rule matches; empty uses the site setting.</HelperMessage>
        {inline('defaultTeam').map((p) => (
          <ErrorMessage key={p.message}>{p.message}</ErrorMessage>
        ))}
      </Stack>
      {inline(undefined).map((p) => (
        <ErrorMessage key={problemText(p)}>{problemText(p)}</ErrorMessage>
      ))}
      <Button appearance="primary" isDisabled={saving} onClick={() => void save()}>
        Save
      </Button>
      {saved && (
        <SectionMessage appearance="success" title="Saved">
          <Text>{`The overrides for ${projectKey} are saved.`}</Text>
        </SectionMessage>
      )}
    </Stack>
  );
}
