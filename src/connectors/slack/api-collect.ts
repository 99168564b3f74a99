/**
 * API mode: the channel's messages in the window from `conversations.history` (cursor paged), the
 * replies of each thread from `conversations.replies`, author names from `users.info` (cached).
 */
import type { CollectContext } from '../connector.js';
import { SortedSink } from '../traces/sorted-sink.js';
import { mentionedUsers, type Names } from './markup.js';
import { messageRecord, tsMicros, type SlackMessage } from './message.js';
import { SlackApi, SlackError, type SlackPage } from './web-api.js';

export interface ApiOptions {
  url: string;
  channel: string;
  workspace?: string | undefined;
}

interface History extends SlackPage {
  messages?: SlackMessage[];
}
interface ChannelList extends SlackPage {
  channels?: { id?: string; name?: string }[];
}
interface UserInfo extends SlackPage {
  user?: {
    name?: string;
    real_name?: string;
    profile?: { display_name?: string; real_name?: string };
  };
}

/** How far before the window to look for threads whose replies reach into it. */
const THREAD_LOOKBACK_MS = 24 * 3600_000;

/** Slack's `oldest`/`latest`: seconds with six decimals. */
const seconds = (ms: number): string => (ms / 1000).toFixed(6);

async function channelId(api: SlackApi, channel: string): Promise<{ id: string; name?: string }> {
  const wanted = channel.replace(/^#/, '');
  // Ids are upper-case letters and digits starting with C, G or D; anything else is a name.
  if (/^[CGD][A-Z0-9]{6,}$/.test(wanted)) return { id: wanted };
  let found: { id: string; name: string } | undefined;
  await api.paged<ChannelList>(
    'conversations.list',
    { types: 'public_channel,private_channel', exclude_archived: false, limit: 200 },
    (page) => {
      const c = page.channels?.find((x) => x.name === wanted);
      if (c?.id && !found) found = { id: c.id, name: wanted };
    },
  );
  if (!found)
    throw new SlackError(
      'not-found',
      `slack: no channel named #${wanted} visible to the token`,
      'channel_not_found',
    );
  return found;
}

export async function collectFromApi(ctx: CollectContext, o: ApiOptions): Promise<void> {
  const api = new SlackApi(ctx, o.url.replace(/\/+$/, ''));
  const sink = new SortedSink(ctx, 'messages.jsonl');
  const messages: SlackMessage[] = [];
  const users = new Map<string, string>();
  let channel: { id: string; name?: string } | undefined;
  let workspace = o.workspace;
  try {
    if (!workspace) {
      const who = await api.call<SlackPage & { url?: string }>('auth.test', {});
      workspace = who.url;
    }
    try {
      channel = await channelId(api, o.channel);
      await fetchMessages(ctx, api, channel.id, messages);
    } catch (err) {
      if (err instanceof SlackError && err.kind === 'not-found') {
        ctx.gap(`${err.message} (channel ${o.channel}); nothing collected`, { channel: o.channel });
        return;
      }
      throw err;
    }
    await lookUpUsers(api, messages, users);
  } finally {
    // Also after the item limit stopped the fetch: what arrived is written (authors as ids if
    // their names were not looked up yet).
    if (channel) {
      const id = channel.id;
      const names: Names = {
        user: (u) => users.get(u),
        channel: (c) => (c === id ? channel?.name : undefined),
      };
      const place = {
        channelId: id,
        channelName: channel.name ?? o.channel.replace(/^#/, ''),
        ...(workspace ? { workspace } : {}),
      };
      for (const m of messages) {
        const r = messageRecord(m, names, place);
        if (r) sink.add(r.us, r.record, undefined, false);
      }
    }
    await sink.write();
  }
}

async function fetchMessages(
  ctx: CollectContext,
  api: SlackApi,
  channel: string,
  messages: SlackMessage[],
): Promise<void> {
  const window = {
    oldest: seconds(ctx.window.since),
    latest: seconds(ctx.window.until),
    inclusive: true,
  };
  const seen = new Set<string>();
  // `inclusive` makes both ends inclusive; the window's end is not.
  const inWindow = (m: SlackMessage): boolean => {
    const us = tsMicros(m.ts);
    return us !== undefined && us >= ctx.window.since * 1000 && us < ctx.window.until * 1000;
  };
  const keep = (m: SlackMessage): void => {
    if (!m.ts || seen.has(m.ts) || !inWindow(m)) return;
    seen.add(m.ts);
    messages.push(m);
    ctx.progress(messages.length);
  };
  const threads = new Set<string>();
  const isParent = (m: SlackMessage): m is SlackMessage & { ts: string } =>
    (m.reply_count ?? 0) > 0 && m.ts !== undefined && (m.thread_ts ?? m.ts) === m.ts;
  await api.paged<History>('conversations.history', { channel, ...window, limit: 200 }, (page) => {
    for (const m of page.messages ?? []) {
      keep(m);
      if (isParent(m)) threads.add(m.ts);
    }
  });
  // Replies are listed only under their parent: a thread started shortly before the window may
  // have its replies inside it (the question at 19:55, the answers during the incident).
  const sinceUs = ctx.window.since * 1000;
  const lookBack = {
    oldest: seconds(ctx.window.since - THREAD_LOOKBACK_MS),
    latest: seconds(ctx.window.since),
    inclusive: true,
  };
  try {
    await api.paged<History>(
      'conversations.history',
      { channel, ...lookBack, limit: 200 },
      (page) => {
        for (const m of page.messages ?? []) {
          // Without `latest_reply` the thread may still reach into the window: read it.
          const last = tsMicros(m.latest_reply);
          if (isParent(m) && (last === undefined || last >= sinceUs)) threads.add(m.ts);
        }
      },
    );
  } catch (err) {
    if (!(err instanceof SlackError) || err.kind === 'auth') throw err;
    ctx.gap(`threads started before the window: ${err.message}`, {
      oldest: lookBack.oldest,
      latest: lookBack.latest,
    });
  }
  for (const ts of threads) {
    try {
      await api.paged<History>(
        'conversations.replies',
        { channel, ts, ...window, limit: 200 },
        (page) => {
          // The parent comes first on every page; it is already kept.
          for (const m of page.messages ?? []) if (m.ts !== ts) keep(m);
        },
      );
    } catch (err) {
      if (!(err instanceof SlackError) || err.kind === 'auth') throw err;
      ctx.gap(`thread ${ts}: ${err.message}`, { thread_ts: ts });
    }
  }
}

/** Names for authors and mentions; a message's own `user_profile` saves a call. */
async function lookUpUsers(
  api: SlackApi,
  messages: readonly SlackMessage[],
  users: Map<string, string>,
): Promise<void> {
  const wanted = new Set<string>();
  for (const m of messages) {
    const p = m.user_profile;
    const own = p?.display_name || p?.real_name;
    if (m.user && own) users.set(m.user, own);
  }
  for (const m of messages) {
    if (m.user && !users.has(m.user)) wanted.add(m.user);
    for (const u of mentionedUsers(m.text ?? '')) if (!users.has(u)) wanted.add(u);
  }
  for (const id of wanted) {
    try {
      const u = (await api.call<UserInfo>('users.info', { user: id })).user;
      const name = u?.profile?.display_name || u?.profile?.real_name || u?.real_name || u?.name;
      if (name) users.set(id, name);
    } catch (err) {
      // A token without users:read, or an unknown user, keeps the ids: the messages still count.
      if (err instanceof SlackError && err.slackError === 'missing_scope') return;
      if (!(err instanceof SlackError) || err.kind === 'auth') throw err;
    }
  }
}
