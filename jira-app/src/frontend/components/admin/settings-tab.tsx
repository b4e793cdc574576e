import {
  Button,
  ErrorMessage,
  HelperMessage,
  Label,
  SectionMessage,
  Select,
  Spinner,
  Stack,
  Text,
  Textfield,
} from '@forge/react';
import { useEffect, useState } from 'react';
import type { InputProblem, SettingsValues, SettingsView } from '../../../resolvers/api';
import { call } from '../../call';
import { errorText, problemText } from '../../format';
import { useResolver } from '../../use-resolver';
import { ErrorBox } from '../error-box';
import { selectedValue } from '../select-value';
import {
  deskOptions,
  type Option,
  optionFor,
  optionsOf,
  PRIORITY_LEVELS,
  problemsAt,
  requestTypeOptions,
  unplaced,
  withOptional,
} from './settings-form';

const id = (name: string) => `switchboard-settings-${name}`;

/** How Switchboard maps onto this Jira site; the backend checks every choice against the site before saving. */
export function SettingsTab() {
  const loaded = useResolver('admin.settings', {});
  const [form, setForm] = useState<SettingsValues>();
  const [problems, setProblems] = useState<InputProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  // Start from what is stored, but never overwrite what the admin has changed since.
  useEffect(() => {
    if (loaded.data && form === undefined) setForm(loaded.data.settings);
  }, [loaded.data, form]);

  if (loaded.error) {
    return <ErrorBox title="Could not load the settings" message={loaded.error} onRetry={loaded.reload} />;
  }
  if (!loaded.data || !form) return <Spinner label="Loading the settings" />;
  const view = loaded.data;

  const edit = (next: SettingsValues): void => {
    setForm(next);
    setSaved(false);
  };
  const save = async (): Promise<void> => {
    setSaving(true);
    setSaved(false);
    setProblems([]);
    try {
      const result = await call('admin.saveSettings', { settings: form });
      if (result.ok) setSaved(true);
      else setProblems(result.errors);
    } catch (e) {
      setProblems([{ path: '', message: `Not saved: ${errorText(e)}` }]);
    } finally {
      setSaving(false);
    }
  };
  const at = (path: string) => problemsAt(problems, path);

  return (
    <Stack space="space.200">
      <Text>
        {view.source === 'default' ? 'Built-in default settings; nothing saved yet.' : 'Saved settings for this site.'}
      </Text>
      {PRIORITY_LEVELS.map((level) => (
        <Choice
          key={level}
          name={`priority-${level}`}
          label={`Jira priority for ${level}`}
          options={optionsOf(view.choices.priorities)}
          value={form.priorityNames[level]}
          problems={at(`priorityNames.${level}`)}
          onChange={(v) => v !== undefined && edit({ ...form, priorityNames: { ...form.priorityNames, [level]: v } })}
        />
      ))}
      <Choice
        name="team-field"
        label="Team field"
        help="A custom field Switchboard sets to the chosen team; empty puts the team in the comment only."
        clearable
        options={optionsOf(view.choices.customFields)}
        value={form.teamField}
        problems={at('teamField')}
        onChange={(v) => edit(withOptional(form, 'teamField', v))}
      />
      <IntakeChoices view={view} form={form} at={at} edit={edit} />
      <TextChoice
        name="scope-jql"
        label="Scope (JQL)"
        help="Which requests are watched for SLA risk and used for retraining. Jira checks it on Save."
        value={form.scopeJql}
        problems={at('scopeJql')}
        onChange={(v) => edit({ ...form, scopeJql: v })}
      />
      <TextChoice
        name="label"
        label="Triaged label"
        help="Added to every request Switchboard has triaged; one word."
        value={form.triagedLabel}
        problems={at('triagedLabel')}
        onChange={(v) => edit({ ...form, triagedLabel: v })}
      />
      {unplaced(problems).map((p) => (
        <ErrorMessage key={problemText(p)}>{problemText(p)}</ErrorMessage>
      ))}
      <Button appearance="primary" isDisabled={saving} onClick={() => void save()}>
        {saving ? 'Saving…' : 'Save'}
      </Button>
      {problems.length > 0 && (
        <SectionMessage appearance="error" title="Not saved">
          <Text>The settings in use are unchanged. Fix the fields marked above and save again.</Text>
        </SectionMessage>
      )}
      {saved && (
        <SectionMessage appearance="success" title="Saved">
          <Text>New requests are triaged with these settings from now on.</Text>
        </SectionMessage>
      )}
    </Stack>
  );
}

interface IntakeProps {
  view: SettingsView;
  form: SettingsValues;
  at: (path: string) => InputProblem[];
  edit: (next: SettingsValues) => void;
}

/** Where requests raised from Slack go; changing the desk clears a request type of the old desk. */
function IntakeChoices({ view, form, at, edit }: IntakeProps) {
  if (view.choices.serviceDesks.length === 0) {
    return <Text>No Jira Service Management service desk on this site: requests cannot be raised from Slack.</Text>;
  }
  return (
    <Stack space="space.200">
      <Choice
        name="intake-desk"
        label="Service desk for requests raised in Slack"
        help="Empty uses the site's first service desk."
        clearable
        options={deskOptions(view)}
        value={form.intakeServiceDeskId}
        problems={at('intakeServiceDeskId')}
        onChange={(v) =>
          edit(withOptional(withOptional(form, 'intakeServiceDeskId', v), 'intakeRequestTypeId', undefined))
        }
      />
      <Choice
        name="intake-type"
        label="Default request type"
        help="Used when triage names none of the desk's request types; empty uses the desk's first."
        clearable
        options={requestTypeOptions(view, form.intakeServiceDeskId)}
        value={form.intakeRequestTypeId}
        problems={at('intakeRequestTypeId')}
        onChange={(v) => edit(withOptional(form, 'intakeRequestTypeId', v))}
      />
    </Stack>
  );
}

interface FieldProps<V> {
  name: string;
  label: string;
  help?: string;
  value: V;
  problems: InputProblem[];
  onChange: (value: V) => void;
}

function Choice({
  options,
  clearable,
  ...p
}: FieldProps<string | undefined> & { options: Option[]; clearable?: boolean }) {
  const selected = optionFor(options, p.value);
  return (
    <Stack space="space.050">
      <Label labelFor={id(p.name)}>{p.label}</Label>
      <Select
        id={id(p.name)}
        options={options}
        {...(selected ? { value: selected } : { value: null })}
        isClearable={clearable ?? false}
        isInvalid={p.problems.length > 0}
        onChange={(option: unknown) => p.onChange(selectedValue(option))}
      />
      {p.help && <HelperMessage>{p.help}</HelperMessage>}
      {p.problems.map((x) => (
        <ErrorMessage key={x.message}>{x.message}</ErrorMessage>
      ))}
    </Stack>
  );
}

function TextChoice(p: FieldProps<string>) {
  return (
    <Stack space="space.050">
      <Label labelFor={id(p.name)}>{p.label}</Label>
      <Textfield
        id={id(p.name)}
        value={p.value}
        isInvalid={p.problems.length > 0}
        onChange={(e) => p.onChange(String(e.target.value ?? ''))}
      />
      {p.help && <HelperMessage>{p.help}</HelperMessage>}
      {p.problems.map((x) => (
        <ErrorMessage key={x.message}>{x.message}</ErrorMessage>
      ))}
    </Stack>
  );
}
