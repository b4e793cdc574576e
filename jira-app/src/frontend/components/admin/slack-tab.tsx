import { Button, Code, ErrorMessage, Label, SectionMessage, Spinner, Stack, Text, Textfield } from '@forge/react';
import { useState } from 'react';
import { call, type Result } from '../../call';
import { useTimeZone } from '../../context';
import { errorText, formatWhen } from '../../format';
import { useResolver } from '../../use-resolver';
import { ErrorBox } from '../error-box';

const URL_ID = 'switchboard-slack-url';

/** A problem with the typed URL, or undefined. The secret travels to it, so only https is accepted. */
export function serviceUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'Enter the full address of the Slack service, e.g. https://switchboard.example.com';
  }
  return url.protocol === 'https:' ? undefined : 'The Slack service address must start with https://';
}

/** Pairs this Jira site with the Slack service through a shared secret that is shown exactly once. */
export function SlackTab() {
  const pairing = useResolver('admin.pairing', {});
  const timeZone = useTimeZone();
  // Held only in this component's state: leaving the page forgets it, as promised to the admin.
  const [issued, setIssued] = useState<Result<'admin.createPairing'>>();
  const [unpaired, setUnpaired] = useState<Result<'admin.unpair'>>();

  if (issued) return <IssuedSecret issued={issued} onDone={() => setIssued(undefined)} />;
  if (pairing.error) {
    return <ErrorBox title="Could not read the Slack pairing" message={pairing.error} onRetry={pairing.reload} />;
  }
  if (!pairing.data) return <Spinner label="Loading the Slack pairing" />;
  if (pairing.data.paired) {
    const since = pairing.data.pairedAt ? ` since ${formatWhen(pairing.data.pairedAt, timeZone)}` : '';
    return (
      <Stack space="space.100">
        <Text>{`Paired with the Slack service at ${pairing.data.serviceUrl ?? 'an unknown address'}${since}.`}</Text>
        <UnpairButton
          onUnpaired={(result) => {
            setUnpaired(result);
            pairing.reload();
          }}
        />
      </Stack>
    );
  }
  return (
    <Stack space="space.100">
      {unpaired && <UnpairedNotice slackTold={unpaired.slackTold} />}
      <PairForm
        onPaired={(result) => {
          setIssued(result);
          setUnpaired(undefined);
          pairing.reload();
        }}
      />
    </Stack>
  );
}

/** Unpairing stops escalations to Slack at once, so it asks once more before it happens. */
function UnpairButton({ onUnpaired }: { onUnpaired: (result: Result<'admin.unpair'>) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const unpair = async (): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    try {
      onUnpaired(await call('admin.unpair', {}));
    } catch (e) {
      setProblem(`Not unpaired: ${errorText(e)}`);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  if (!confirming) {
    return (
      <Stack space="space.050">
        {problem && <ErrorMessage>{problem}</ErrorMessage>}
        <Button onClick={() => setConfirming(true)}>Unpair Slack</Button>
      </Stack>
    );
  }
  return (
    <SectionMessage appearance="warning" title="Unpair Slack?">
      <Stack space="space.100">
        <Text>
          Escalations and alerts stop going to Slack, pending escalations there are closed, and people must link their
          accounts again after a new pairing.
        </Text>
        <Button appearance="danger" isDisabled={busy} onClick={() => void unpair()}>
          Unpair
        </Button>
        <Button appearance="subtle" isDisabled={busy} onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </Stack>
    </SectionMessage>
  );
}

function UnpairedNotice({ slackTold }: { slackTold: boolean }) {
  return slackTold ? (
    <SectionMessage appearance="success" title="Unpaired from Slack">
      <Text>The Slack service was told and has forgotten this site too.</Text>
    </SectionMessage>
  ) : (
    <SectionMessage appearance="warning" title="Unpaired here only">
      <Text>
        The Slack service could not be reached. A Slack workspace admin should type /switchboard unpair to remove its
        half of the pairing; until then nothing from it is accepted here.
      </Text>
    </SectionMessage>
  );
}

function PairForm({ onPaired }: { onPaired: (result: Result<'admin.createPairing'>) => void }) {
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string>();
  const [pairing, setPairing] = useState(false);

  const pair = async (): Promise<void> => {
    const invalid = serviceUrlProblem(url);
    setProblem(invalid);
    if (invalid) return;
    setPairing(true);
    try {
      onPaired(await call('admin.createPairing', { serviceUrl: url.trim() }));
    } catch (e) {
      setProblem(`Pairing failed: ${errorText(e)}`);
    } finally {
      setPairing(false);
    }
  };
  return (
    <Stack space="space.100">
      <Text>Not paired with a Slack service yet.</Text>
      <Label labelFor={URL_ID}>Slack service URL</Label>
      <Textfield
        id={URL_ID}
        value={url}
        isInvalid={problem !== undefined}
        placeholder="https://switchboard.example.com"
        onChange={(e) => setUrl(String(e.target.value ?? ''))}
      />
      {problem && <ErrorMessage>{problem}</ErrorMessage>}
      <Button appearance="primary" isDisabled={pairing} onClick={() => void pair()}>
        Pair
      </Button>
    </Stack>
  );
}

function IssuedSecret({ issued, onDone }: { issued: Result<'admin.createPairing'>; onDone: () => void }) {
  return (
    <SectionMessage appearance="warning" title="Copy the pairing code now">
      <Stack space="space.100">
        <Text>
          In Slack, a workspace admin types /switchboard pair and pastes this code. It holds the shared secret and will
          not be shown again; if it is lost, pair again to issue a new one.
        </Text>
        <Text>
          Pairing code: <Code>{issued.pairingCode}</Code>
        </Text>
        <Text>
          Tenant: <Code>{issued.tenant}</Code>
        </Text>
        <Button onClick={onDone}>I have copied it</Button>
      </Stack>
    </SectionMessage>
  );
}
