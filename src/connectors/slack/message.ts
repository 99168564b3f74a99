/** A Slack message as one JSON line the `json` ingest format reads: time from `ts`, author, readable text, permalink. */
import { isoMicros } from '../traces/span.js';
import { readableText, type Names } from './markup.js';

export interface SlackMessage {
  type?: string;
  subtype?: string;
  ts?: string;
  thread_ts?: string;
  reply_count?: number;
  /** On a thread's parent: the `ts` of its newest reply. */
  latest_reply?: string;
  user?: string;
  bot_id?: string;
  username?: string;
  text?: string;
  user_profile?: { display_name?: string; real_name?: string; name?: string };
  bot_profile?: { name?: string };
  files?: { name?: string; title?: string }[];
}

/** `1700000000.123456` → µs since the epoch; undefined when not Slack's form. */
export function tsMicros(ts: string | undefined): number | undefined {
  const m = ts === undefined ? null : /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(ts);
  if (!m) return undefined;
  return Number(m[1]) * 1e6 + Number((m[2] ?? '').padEnd(6, '0'));
}

/** `https://acme.slack.com/archives/C1/p1700000000123456`, with the thread for a reply. */
export function permalink(
  workspace: string | undefined,
  channelId: string,
  ts: string,
  threadTs?: string,
): string | undefined {
  if (!workspace) return undefined;
  const host = /^https?:\/\//.test(workspace)
    ? workspace.replace(/\/+$/, '')
    : `https://${workspace.replace(/\.slack\.com$/, '')}.slack.com`;
  const base = `${host}/archives/${channelId}/p${ts.replace('.', '')}`;
  return threadTs && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channelId}` : base;
}

export interface Place {
  channelId: string;
  channelName?: string;
  workspace?: string;
}

/** The display name Slack shows for a message's author. */
export function authorOf(m: SlackMessage, names: Names): string {
  const p = m.user_profile;
  return (
    (m.user ? names.user(m.user) : undefined) ||
    p?.display_name ||
    p?.real_name ||
    m.bot_profile?.name ||
    m.username ||
    m.user ||
    m.bot_id ||
    'unknown'
  );
}

/** The record, or undefined for a message without a readable `ts`. */
export function messageRecord(
  m: SlackMessage,
  names: Names,
  where: Place,
): { us: number; record: Record<string, string | number> } | undefined {
  const us = tsMicros(m.ts);
  if (us === undefined || m.ts === undefined) return undefined;
  const author = authorOf(m, names);
  let text = readableText(m.text ?? '', names);
  if (m.files?.length) {
    const files = m.files.map((f) => f.title ?? f.name ?? 'file').join(', ');
    text = text ? `${text} [files: ${files}]` : `[files: ${files}]`;
  }
  const record: Record<string, string | number> = {
    time: isoMicros(us),
    level: 'info',
    msg: `${author}: ${text}`,
    kind: 'chat',
    author,
    channel: where.channelName ?? where.channelId,
    channel_id: where.channelId,
    slack_ts: m.ts,
  };
  if (m.user) record.slack_user = m.user;
  if (m.thread_ts) record.thread_ts = m.thread_ts;
  if (m.subtype) record.subtype = m.subtype;
  const link = permalink(where.workspace, where.channelId, m.ts, m.thread_ts);
  if (link) record.permalink = link;
  return { us, record };
}
