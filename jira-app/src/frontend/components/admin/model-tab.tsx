import { Button, DynamicTable, Heading, ProgressBar, Spinner, Stack, Text } from '@forge/react';
import { useState } from 'react';
import type { ModelView } from '../../../resolvers/api';
import { call } from '../../call';
import { useTimeZone } from '../../context';
import { accuracyText, errorText, fieldName, formatWhen, progressFraction } from '../../format';
import { useResolver } from '../../use-resolver';
import { ErrorBox } from '../error-box';

const retraining = (model: ModelView): boolean => model.retrain.state === 'running';

/** What the model was trained on, how often agents had to correct it, and retraining it. */
export function ModelTab() {
  const status = useResolver('admin.modelStatus', {}, retraining);
  const timeZone = useTimeZone();
  const [requesting, setRequesting] = useState(false);
  const [notice, setNotice] = useState<string>();

  if (status.error && !status.data) {
    return <ErrorBox title="Could not read the model status" message={status.error} onRetry={status.reload} />;
  }
  const model = status.data;
  if (!model) return <Spinner label="Loading the model status" />;

  const retrain = async (): Promise<void> => {
    setRequesting(true);
    setNotice(undefined);
    try {
      const { queued } = await call('admin.retrainNow', {});
      setNotice(queued ? 'Retraining was queued.' : 'A retrain is already queued or running.');
      status.reload();
    } catch (e) {
      setNotice(`Retraining was not queued: ${errorText(e)}`);
    } finally {
      setRequesting(false);
    }
  };

  return (
    <Stack space="space.150">
      {status.error && <ErrorBox title="Could not refresh the model status" message={status.error} />}
      <Text>{trainedText(model, timeZone)}</Text>
      {model.labels && model.labels.length > 0 && <Text>{`Labels: ${model.labels.join(', ')}`}</Text>}
      <Heading size="xsmall">Accuracy from agents' corrections</Heading>
      <DynamicTable
        caption="Applied decisions and how many agents corrected"
        head={{
          cells: [
            { key: 'field', content: 'Field' },
            { key: 'applied', content: 'Applied' },
            { key: 'corrected', content: 'Corrected' },
            { key: 'accuracy', content: 'Accuracy' },
          ],
        }}
        rows={model.accuracy.map((a) => ({
          key: a.field,
          cells: [
            { key: 'field', content: fieldName(a.field) },
            { key: 'applied', content: String(a.applied) },
            { key: 'corrected', content: String(a.corrected) },
            { key: 'accuracy', content: accuracyText(a.accuracy) },
          ],
        }))}
      />
      <Heading size="xsmall">Retraining</Heading>
      <RetrainState retrain={model.retrain} />
      <Button isDisabled={requesting || retraining(model)} onClick={() => void retrain()}>
        Retrain now
      </Button>
      {notice && <Text>{notice}</Text>}
    </Stack>
  );
}

function trainedText(model: ModelView, timeZone: string | undefined): string {
  if (!model.trained) return 'No model is trained yet.';
  const when = model.trainedAt ? ` on ${formatWhen(model.trainedAt, timeZone)}` : '';
  const examples = model.examples === undefined ? '' : ` from ${model.examples} requests`;
  return `Trained${when}${examples}.`;
}

function RetrainState({ retrain }: { retrain: ModelView['retrain'] }) {
  switch (retrain.state) {
    case 'idle':
      return <Text>No retrain is running.</Text>;
    case 'running':
      return (
        <Stack space="space.050">
          <ProgressBar value={progressFraction(retrain.progress)} ariaLabel="Retrain progress" />
          <Text>{`Retraining: ${retrain.progress.done} of ${retrain.progress.total} steps done`}</Text>
        </Stack>
      );
    case 'done':
      return <Text>The last retrain finished.</Text>;
    case 'failed':
      return <ErrorBox title="The last retrain failed" message={retrain.error ?? 'No reason was given.'} />;
  }
}
