import { view } from '@forge/bridge';
import {
  Button,
  ErrorMessage,
  Heading,
  Label,
  SectionMessage,
  Spinner,
  Stack,
  Text,
  Textfield,
  User,
  useProductContext,
} from '@forge/react';
import { useEffect, useState } from 'react';
import type { LinkRedeemResult } from '../../../resolvers/api';
import { call } from '../../call';
import { errorText } from '../../format';
import { tokenFromPaste, tokenFromSearch } from './link-token';

const PASTE_ID = 'switchboard-link-token';

/**
 * The page URL's query string. Jira hands a global page its location through the bridge's history; if this
 * host gives none (or no token in it), the page asks for the link to be pasted instead.
 */
async function pageSearch(): Promise<string> {
  try {
    const history = (await view.createHistory()) as { location?: { search?: unknown } } | undefined;
    const search = history?.location?.search;
    return typeof search === 'string' ? search : '';
  } catch {
    return '';
  }
}

/** The jira:globalPage "Link Slack account" (DESIGN flow 3): finishes what `/switchboard link` started. */
export function LinkPage() {
  const context = useProductContext();
  const [token, setToken] = useState<string>();
  const [searched, setSearched] = useState(false);
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string>();
  const [linking, setLinking] = useState(false);
  const [result, setResult] = useState<LinkRedeemResult>();

  useEffect(() => {
    let live = true;
    void pageSearch().then((search) => {
      if (!live) return;
      setToken(tokenFromSearch(search));
      setSearched(true);
    });
    return () => {
      live = false;
    };
  }, []);

  if (!context || !searched) return <Spinner label="Reading the link" />;
  if (!context.accountId) {
    return <Text>Log in to Jira first: the link is made with the Atlassian account you are logged in with.</Text>;
  }
  if (result?.linked) {
    const who = result.slackUserName ? ` (${result.slackUserName} in Slack)` : '';
    return (
      <SectionMessage appearance="success" title="Slack account linked">
        <Text>{`Your Slack account${who} is now linked to this Atlassian account. Your approvals in Slack are made in Jira as you.`}</Text>
      </SectionMessage>
    );
  }

  const link = async (): Promise<void> => {
    const chosen = token ?? tokenFromPaste(pasted);
    if (!chosen) {
      setProblem('Paste the whole link Switchboard gave you in Slack (it contains slackLinkToken=...).');
      return;
    }
    setProblem(undefined);
    setLinking(true);
    try {
      // A refused call (resolvers/index.ts) is thrown by call() and shown below, never taken as linked.
      setResult(await call('link.redeem', { token: chosen }));
    } catch (e) {
      setProblem(`Not linked: ${errorText(e)}`);
    } finally {
      setLinking(false);
    }
  };

  return (
    <Stack space="space.150">
      <Heading size="medium">Link your Slack account</Heading>
      <Text>This links the Slack user who typed /switchboard link to this Atlassian account:</Text>
      <User accountId={context.accountId} />
      <Text>If that is not you, do not continue: approvals made in Slack would be made in Jira as this account.</Text>
      {token === undefined && (
        <Stack space="space.050">
          <Label labelFor={PASTE_ID}>Link from Slack</Label>
          <Textfield
            id={PASTE_ID}
            value={pasted}
            isInvalid={problem !== undefined}
            placeholder="Paste the link /switchboard link gave you"
            onChange={(e) => setPasted(String(e.target.value ?? ''))}
          />
        </Stack>
      )}
      {result && !result.linked && (
        <SectionMessage appearance="error" title="Not linked">
          <Text>{result.message}</Text>
        </SectionMessage>
      )}
      {problem && <ErrorMessage>{problem}</ErrorMessage>}
      <Button appearance="primary" isDisabled={linking} onClick={() => void link()}>
        Link
      </Button>
    </Stack>
  );
}
