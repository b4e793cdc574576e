import { type Rng, slackId } from './random';
import type { StoredMessage, StoredView, Workspace } from './types';

/** One workspace's state. Seeding goes through the `Workspace` methods; handlers use the rest. */

export interface UserRecord {
  id: string;
  name: string;
  realName: string;
  email?: string;
  tz: string;
  isBot: boolean;
  /** Unix seconds. */
  updated: number;
}

export interface ChannelRecord {
  id: string;
  /** '' for DMs. */
  name: string;
  isPrivate: boolean;
  /** Set for a DM: the other person (the bot being the first). */
  imUser?: string;
  members: Set<string>;
  creator: string;
  /** Unix seconds. */
  created: number;
}

export class WorkspaceState implements Workspace {
  readonly botToken: string;
  readonly botUserId: string;
  readonly botId: string;
  /** Subdomain, as in https://<domain>.slack.com/ (auth.test `url`, permalinks). */
  readonly domain: string;
  readonly users = new Map<string, UserRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  private readonly stored = new Map<string, StoredMessage[]>();
  readonly viewsById = new Map<string, StoredView>();
  /** Open modal stack per user, root first. */
  readonly modalStacks = new Map<string, string[]>();
  private readonly lastTsMicros = new Map<string, number>();

  constructor(
    readonly teamId: string,
    readonly name: string,
    readonly appId: string,
    readonly rng: Rng,
    private readonly now: () => number,
  ) {
    this.domain = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
    this.botUserId = slackId(rng, 'U');
    this.botId = slackId(rng, 'B');
    // Shape of real bot tokens: xoxb-<team number>-<bot number>-<24 characters>.
    this.botToken = `xoxb-${rng.digits(12)}-${rng.digits(13)}-${rng.pick('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 24)}`;
    this.users.set(this.botUserId, {
      id: this.botUserId,
      name: 'switchboard',
      realName: 'Switchboard',
      tz: 'UTC',
      isBot: true,
      updated: this.seconds(),
    });
  }

  seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** An id no user, channel or view of this workspace has. */
  newId(prefix: string): string {
    for (;;) {
      const id = slackId(this.rng, prefix);
      if (!this.users.has(id) && !this.channels.has(id) && !this.viewsById.has(id)) return id;
    }
  }

  addUser(o: { name: string; realName?: string; email?: string; tz?: string }): { id: string } {
    const id = this.newId('U');
    this.users.set(id, {
      id,
      name: o.name,
      realName: o.realName ?? o.name,
      ...(o.email === undefined ? {} : { email: o.email }),
      tz: o.tz ?? 'UTC',
      isBot: false,
      updated: this.seconds(),
    });
    return { id };
  }

  addChannel(o: { name: string; isPrivate?: boolean; members?: string[]; botIsMember?: boolean }): { id: string } {
    if ([...this.channels.values()].some((c) => c.name === o.name)) throw new Error(`channel #${o.name} exists`);
    const members = new Set(o.members ?? []);
    for (const m of members) if (!this.users.has(m)) throw new Error(`unknown user ${m}`);
    if (o.botIsMember !== false) members.add(this.botUserId);
    const id = this.newId('C');
    const creator = [...members][0] ?? this.botUserId;
    this.channels.set(id, {
      id,
      name: o.name,
      isPrivate: o.isPrivate ?? false,
      members,
      creator,
      created: this.seconds(),
    });
    return { id };
  }

  addMessage(o: { channel: string; user: string; text: string }): { ts: string } {
    if (!this.channels.has(o.channel)) throw new Error(`unknown channel ${o.channel}`);
    if (!this.users.has(o.user)) throw new Error(`unknown user ${o.user}`);
    const ts = this.nextTs(o.channel);
    this.store({ channel: o.channel, ts, user: o.user, text: o.text, edits: 0, via: 'seed' });
    return { ts };
  }

  messages(channel: string): StoredMessage[] {
    return [...(this.stored.get(channel) ?? [])];
  }

  views(): StoredView[] {
    return [...this.viewsById.values()];
  }

  /** By id, or by name with or without '#'. Private channels the bot is not in do not exist for it (as in Slack). */
  findChannel(ref: string): ChannelRecord | undefined {
    const name = ref.replace(/^#/, '');
    const channel = this.channels.get(ref) ?? [...this.channels.values()].find((c) => c.name !== '' && c.name === name);
    if (channel?.isPrivate && !channel.members.has(this.botUserId)) return undefined;
    return channel;
  }

  /** The bot's DM with a user, created on first use. */
  openDm(userId: string): { channel: ChannelRecord; alreadyOpen: boolean } {
    const existing = [...this.channels.values()].find((c) => c.imUser === userId);
    if (existing) return { channel: existing, alreadyOpen: true };
    const id = this.newId('D');
    const channel: ChannelRecord = {
      id,
      name: '',
      isPrivate: true,
      imUser: userId,
      members: new Set([this.botUserId, userId]),
      creator: this.botUserId,
      created: this.seconds(),
    };
    this.channels.set(id, channel);
    return { channel, alreadyOpen: false };
  }

  /** Message timestamps: `seconds.micros` of the clock, strictly increasing per channel. */
  nextTs(channel: string): string {
    const micros = Math.max(Math.floor(this.now() * 1000), (this.lastTsMicros.get(channel) ?? 0) + 1);
    this.lastTsMicros.set(channel, micros);
    const seconds = Math.floor(micros / 1_000_000);
    // The spec's defs_ts is `^\d{10}\.\d{6}$`; padding keeps a clock near zero inside it.
    return `${String(seconds).padStart(10, '0')}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  store(message: StoredMessage): void {
    const list = this.stored.get(message.channel) ?? [];
    list.push(message);
    this.stored.set(message.channel, list);
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.stored.get(channel)?.find((m) => m.ts === ts);
  }

  removeMessage(channel: string, ts: string): void {
    const list = this.stored.get(channel) ?? [];
    this.stored.set(
      channel,
      list.filter((m) => m.ts !== ts),
    );
  }

  userByEmail(email: string): UserRecord | undefined {
    const wanted = email.toLowerCase();
    return [...this.users.values()].find((u) => u.email?.toLowerCase() === wanted);
  }
}
