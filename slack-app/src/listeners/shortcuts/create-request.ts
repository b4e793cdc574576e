import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs, types } from '@slack/bolt';
import {
  LINK_FIRST_TEXT,
  NOT_PAIRED_TEXT,
  noticeModal,
  requestModal,
  type SiteChoice,
} from '../../blocks/request-modal';
import { siteName } from '../../forge/end-pairing';
import { encodeMetadata, type MessageShortcut, parseMessageShortcut } from '../../intake/payloads';
import { errorFields } from '../../log';
import type { Services } from '../../services';
import { getIdentityLink, listPairings, type Pairing } from '../../store';
import { respondEphemeral } from '../reply';

export const CREATE_REQUEST_CALLBACK_ID = 'create_request';

const OPEN_FAILED_TEXT = 'Switchboard could not open the request form just now. Try the shortcut again.';

/**
 * The message shortcut "Create request" (DESIGN flow 7): acknowledged at once, then a modal prefilled from the
 * message. The trigger_id is single use and lives a few seconds (DESIGN §5), so only two reads come before
 * views.open. Someone not linked gets a modal that says how to link instead of the form.
 */
export function createRequestShortcut(s: Services) {
  return async ({ ack, body, client, respond }: SlackShortcutMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const call = parseMessageShortcut(body);
    if (!call) {
      s.log('shortcut-invalid', { shortcut: CREATE_REQUEST_CALLBACK_ID });
      return;
    }
    try {
      await client.views.open({ trigger_id: call.triggerId, view: await formFor(s, call) });
    } catch (err) {
      s.log('request-form-failed', errorFields(err));
      await respondEphemeral(s, respond, OPEN_FAILED_TEXT);
    }
  };
}

async function formFor(s: Services, call: MessageShortcut): Promise<types.ModalView> {
  const q = s.db.pool;
  const link = await getIdentityLink(q, call.teamId, call.userId);
  if (!link) {
    s.log('request-refused', { reason: 'not linked' });
    return noticeModal(LINK_FIRST_TEXT);
  }
  const pairings = await listPairings(q, s.encryptionKey, call.teamId);
  const only = pairings.length === 1 ? pairings[0] : undefined;
  if (pairings.length === 0) return noticeModal(NOT_PAIRED_TEXT);
  const lines = call.text.split('\n').map((l) => l.trim());
  return requestModal({
    metadata: encodeMetadata({
      // Minted here, so every submission of this one form names the same request (DESIGN §4: never twice).
      requestId: randomUUID(),
      channelId: call.channelId,
      messageTs: call.messageTs,
      threadTs: call.threadTs,
      ...(only ? { tenant: only.tenant } : {}),
    }),
    summary: lines.find((l) => l !== '') ?? '',
    description: call.text,
    sites: pairings.map((p) => siteChoice(p, link.tenant)),
    initialSite: link.tenant,
  });
}

/**
 * Pairings know their site only through the link page URL the pairing code carried (its host is the site's);
 * older pairings show a short form of their tenant id.
 */
function siteChoice(p: Pairing, linkedTenant: string): SiteChoice {
  const name = p.linkPageUrl ? siteName(p) : `Jira site ${p.tenant.slice(0, 8)}`;
  return { tenant: p.tenant, label: p.tenant === linkedTenant ? `${name} (linked)` : name };
}
