import { Button, Label, ProgressBar, Spinner, Stack, Text, Textfield } from '@forge/react';
import { useState } from 'react';
import type { BacktestView } from '../../../resolvers/api';
import { call } from '../../call';
import { useTimeZone } from '../../context';
import { errorText, formatWhen, progressFraction } from '../../format';
import { useResolver } from '../../use-resolver';
import { ErrorBox } from '../error-box';
import { BacktestResults } from './backtest-results';

const JQL_ID = 'switchboard-backtest-jql';
const running = (view: BacktestView): boolean => view.state === 'running';

/** Replays past requests through Switchboard and compares its answers with what people decided. */
export function BacktestTab() {
  const status = useResolver('admin.backtestStatus', {}, running);
  const [jql, setJql] = useState('');
  const [starting, setStarting] = useState(false);
  const [notice, setNotice] = useState<string>();

  const start = async (): Promise<void> => {
    setStarting(true);
    setNotice(undefined);
    try {
      const query = jql.trim();
      const { started } = await call('admin.startBacktest', query === '' ? {} : { jql: query });
      if (!started) setNotice('A backtest is already running; showing its progress.');
      status.reload();
    } catch (e) {
      setNotice(`The backtest did not start: ${errorText(e)}`);
    } finally {
      setStarting(false);
    }
  };

  const view = status.data;
  return (
    <Stack space="space.150">
      <Label labelFor={JQL_ID}>Which requests to replay (JQL, optional)</Label>
      <Textfield
        id={JQL_ID}
        value={jql}
        placeholder="project = SUP AND created >= -180d"
        onChange={(e) => setJql(String(e.target.value ?? ''))}
      />
      <Button
        appearance="primary"
        isDisabled={starting || (view !== undefined && running(view))}
        onClick={() => void start()}
      >
        Start backtest
      </Button>
      {notice && <Text>{notice}</Text>}
      {status.error && (
        <ErrorBox title="Could not read the backtest status" message={status.error} onRetry={status.reload} />
      )}
      {view ? <BacktestState view={view} /> : !status.error && <Spinner label="Loading the backtest status" />}
    </Stack>
  );
}

function BacktestState({ view }: { view: BacktestView }) {
  const timeZone = useTimeZone();
  const since = view.startedAt ? ` (started ${formatWhen(view.startedAt, timeZone)})` : '';
  switch (view.state) {
    case 'idle':
      return <Text>No backtest has run yet.</Text>;
    case 'running':
      return (
        <Stack space="space.050">
          <ProgressBar value={progressFraction(view.progress)} ariaLabel="Backtest progress" />
          <Text>{`Running${since}: ${view.progress.done} of ${view.progress.total} requests replayed`}</Text>
        </Stack>
      );
    case 'failed':
      return <ErrorBox title={`The backtest failed${since}`} message={view.error ?? 'No reason was given.'} />;
    case 'done':
      return view.result ? (
        <Stack space="space.100">
          <Text>{`Finished${since}.`}</Text>
          <BacktestResults result={view.result} />
        </Stack>
      ) : (
        <Text>{`Finished${since}, but no results were stored.`}</Text>
      );
  }
}
