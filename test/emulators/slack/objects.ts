import type { StoredMessage, StoredView } from './types';
import type { ChannelRecord, UserRecord, WorkspaceState } from './workspace';

/**
 * JSON objects as Slack answers them, limited to fields the spec's schemas allow: objs_user, objs_conversation,
 * objs_message and the view payload of the views.* examples.
 */

/** Offset (seconds east of UTC) and long name of an IANA zone at `when`, as users.info reports them. */
function zone(tz: string, when: Date): { offset: number; label: string } {
  const part = (timeZoneName: 'longOffset' | 'long') =>
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName })
      .formatToParts(when)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(part('longOffset'));
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
  return { offset, label: part('long') };
}

export function userObject(ws: WorkspaceState, u: UserRecord): Record<string, unknown> {
  const { offset, label } = zone(u.tz, new Date(ws.seconds() * 1000));
  const avatar = `https://avatars.slack-edge.example/${u.id.toLowerCase()}_72.png`;
  return {
    id: u.id,
    team_id: ws.teamId,
    name: u.name,
    deleted: false,
    color: '9f69e7',
    real_name: u.realName,
    tz: u.tz,
    tz_label: label,
    tz_offset: offset,
    profile: {
      real_name: u.realName,
      real_name_normalized: u.realName,
      display_name: u.isBot ? '' : u.name,
      display_name_normalized: u.isBot ? '' : u.name,
      avatar_hash: u.id.slice(1, 13).toLowerCase(),
      title: '',
      phone: '',
      skype: '',
      status_text: '',
      status_emoji: '',
      fields: null,
      image_72: avatar,
      team: ws.teamId,
      ...(u.email === undefined ? {} : { email: u.email }),
      ...(u.isBot ? { bot_id: ws.botId, api_app_id: ws.appId, always_active: true } : {}),
    },
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: u.isBot,
    is_app_user: false,
    updated: u.updated,
  };
}

export function conversationObject(
  ws: WorkspaceState,
  c: ChannelRecord,
  o: { includeNumMembers?: boolean } = {},
): Record<string, unknown> {
  if (c.imUser !== undefined) {
    return {
      id: c.id,
      created: c.created,
      is_im: true,
      is_org_shared: false,
      is_archived: false,
      is_user_deleted: false,
      user: c.imUser,
      priority: 0,
    };
  }
  const blank = { value: '', creator: '', last_set: 0 };
  return {
    id: c.id,
    name: c.name,
    name_normalized: c.name,
    created: c.created,
    creator: c.creator,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: c.isPrivate,
    is_archived: false,
    is_general: false,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    is_member: c.members.has(ws.botUserId),
    topic: blank,
    purpose: blank,
    previous_names: [],
    ...(o.includeNumMembers ? { num_members: c.members.size } : {}),
  };
}

/** A message as chat.postMessage / chat.update answer it. Slack also sends a top-level `app_id`, which the spec's
 *  objs_message (additionalProperties: false) does not allow, so it is left out. */
export function messageObject(ws: WorkspaceState, m: StoredMessage): Record<string, unknown> {
  const bot = m.user === ws.botUserId;
  const icon = 'https://a.slack-edge.example/app-icon';
  return {
    type: 'message',
    text: m.text,
    ts: m.ts,
    user: m.user,
    team: ws.teamId,
    ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
    ...(m.threadTs === undefined ? {} : { thread_ts: m.threadTs }),
    ...(bot
      ? {
          bot_id: ws.botId,
          bot_profile: {
            id: ws.botId,
            app_id: ws.appId,
            name: 'Switchboard',
            deleted: false,
            updated: ws.seconds(),
            team_id: ws.teamId,
            icons: { image_36: `${icon}_36.png`, image_48: `${icon}_48.png`, image_72: `${icon}_72.png` },
          },
        }
      : {}),
  };
}

/** The view as views.open/push/update/publish answer it (shape of the spec's examples for those methods). */
export function viewObject(ws: WorkspaceState, v: StoredView): Record<string, unknown> {
  const p = v.view;
  return {
    id: v.id,
    team_id: ws.teamId,
    type: v.type,
    blocks: p.blocks ?? [],
    private_metadata: p.private_metadata ?? '',
    callback_id: p.callback_id ?? '',
    state: { values: {} },
    hash: v.hash,
    title: p.title ?? null,
    clear_on_close: p.clear_on_close ?? false,
    notify_on_close: p.notify_on_close ?? false,
    close: p.close ?? null,
    submit: p.submit ?? null,
    previous_view_id: v.previousViewId,
    root_view_id: v.rootViewId,
    app_id: ws.appId,
    external_id: v.externalId,
    app_installed_team_id: ws.teamId,
    bot_id: ws.botId,
  };
}
