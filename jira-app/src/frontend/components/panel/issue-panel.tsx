import { Spinner, Stack, useProductContext } from '@forge/react';
import { extensionKey } from '../../context';
import { useResolver } from '../../use-resolver';
import { ErrorBox } from '../error-box';
import { PanelBody } from './panel-body';

/** The jira:issuePanel: Switchboard's decision on this request, and how agents corrected it. */
export function IssuePanel() {
  const context = useProductContext();
  const issueKey = extensionKey(context, 'issue');
  const view = useResolver('panel.get', issueKey === undefined ? undefined : { issueKey });

  if (context && issueKey === undefined) {
    return <ErrorBox title="No issue here" message="This panel only works on a Jira issue." />;
  }
  return (
    <Stack space="space.200">
      {view.error && (
        <ErrorBox title="Could not load Switchboard's decision" message={view.error} onRetry={view.reload} />
      )}
      {view.data ? (
        <PanelBody view={view.data} timeZone={context?.timezone} onCorrected={view.reload} />
      ) : (
        !view.error && <Spinner label="Loading Switchboard's decision" />
      )}
    </Stack>
  );
}
