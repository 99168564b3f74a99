import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { connectorConformance } from '../../../test/support/connector-conformance.js';
import {
  startFakeApi,
  type FakeApi,
  type FakeRequest,
  type FakeResponse,
} from '../../../test/support/fake-api.js';
import { parseCaseConfig } from '../../ingest/case-config.js';
import { openTimeline } from '../../ingest/timeline.js';
import { collectCase } from '../collect.js';
import { slack } from './index.js';

const since = Date.parse('2026-11-22T19:30:00Z');
const until = Date.parse('2026-11-22T20:00:00Z');
const TOKEN = 'xoxb-1111-2222-sekrit';
const CHANNEL = 'C0INCIDENT42';
const sec = (ms: number, micros = 0): string =>
  `${Math.floor(ms / 1000)}.${String(micros).padStart(6, '0')}`;

/** 72 top-level messages every 25 s (newest first, as Slack lists them), plus one at `latest`. */
const HISTORY = Array.from({ length: 72 }, (_, i) => {
  const ts = sec(since + i * 25_000, 123 + i);
  const m: Record<string, unknown> = {
    type: 'message',
    user: i % 2 ? 'U1JANE' : 'U2OMAR',
    text: `update ${i}`,
    ts,
  };
  if (i === 3)
    m.text =
      'paging <@U2OMAR>, see <#C0INCIDENT42|incident-42> and <https://grafana.example/d/x|the dashboard> &amp; <!here>';
  if (i === 5) Object.assign(m, { thread_ts: ts, reply_count: 30 });
  return m;
}).reverse();
const EDGE = { type: 'message', user: 'U1JANE', text: 'at the end', ts: sec(until) };
const PARENT = HISTORY.find((m) => m.reply_count)!;
const REPLIES = Array.from({ length: 30 }, (_, i) => ({
  type: 'message',
  user: 'U1JANE',
  text: `reply ${i}`,
  ts: sec(since + 5 * 25_000 + (i + 1) * 1000, 9),
  thread_ts: PARENT.ts,
}));
// Threads started before the window: one answered inside it (two of its three replies are in the
// window), one that went quiet before it, and a message without replies.
const LOOKBACK = since - 24 * 3600_000;
const OLD_REPLIES = [-5 * 60_000, 60_000, 120_000].map((d, i) => ({
  type: 'message',
  user: 'U2OMAR',
  text: `late answer ${i}`,
  ts: sec(since + d, 7),
  thread_ts: sec(since - 10 * 60_000, 1),
}));
const OLD_ACTIVE = {
  type: 'message',
  user: 'U1JANE',
  text: 'is checkout slow for anyone?',
  ts: sec(since - 10 * 60_000, 1),
  thread_ts: sec(since - 10 * 60_000, 1),
  reply_count: 3,
  latest_reply: OLD_REPLIES[2]!.ts,
};
const OLD_QUIET = {
  type: 'message',
  user: 'U1JANE',
  text: 'lunch?',
  ts: sec(since - 3 * 3600_000, 2),
  thread_ts: sec(since - 3 * 3600_000, 2),
  reply_count: 1,
  latest_reply: sec(since - 3 * 3600_000 + 60_000, 3),
};
const OLD_HISTORY = [
  OLD_ACTIVE,
  { type: 'message', user: 'U2OMAR', text: 'morning', ts: sec(since - 5 * 3600_000, 4) },
  OLD_QUIET,
];

const USERS: Record<string, object> = {
  U1JANE: {
    id: 'U1JANE',
    name: 'jane',
    real_name: 'Jane Doe',
    profile: { display_name: 'Jane Doe' },
  },
  U2OMAR: {
    id: 'U2OMAR',
    name: 'omar',
    real_name: 'Omar K',
    profile: { display_name: '', real_name: 'Omar K' },
  },
};

function page<T>(items: T[], req: FakeRequest, size: number): { slice: T[]; next: string } {
  const start = Number(req.query.get('cursor') || '0');
  return {
    slice: items.slice(start, start + size),
    next: start + size < items.length ? String(start + size) : '',
  };
}

/** The Slack Web API for one workspace: ok:false errors in 200 answers, cursor paging, as documented. */
function handler(req: FakeRequest): FakeResponse {
  if (req.headers.authorization !== `Bearer ${TOKEN}`)
    return { json: { ok: false, error: 'invalid_auth' } };
  const q = req.query;
  switch (req.path) {
    case '/auth.test':
      return {
        json: { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: 'aftermath' },
      };
    case '/conversations.list': {
      const all = [
        { id: 'C0GENERAL1', name: 'general' },
        { id: 'C0RANDOM1', name: 'random' },
        { id: CHANNEL, name: 'incident-42' },
      ];
      const p = page(all, req, 2);
      return { json: { ok: true, channels: p.slice, response_metadata: { next_cursor: p.next } } };
    }
    case '/conversations.history':
    case '/conversations.replies': {
      if (q.get('channel') !== CHANNEL) return { json: { ok: false, error: 'channel_not_found' } };
      // The window, or (for the history) the day before it, where threads may have started.
      const lookingBack =
        req.path === '/conversations.history' &&
        q.get('oldest') === sec(LOOKBACK) &&
        q.get('latest') === sec(since);
      if (!lookingBack && (q.get('oldest') !== sec(since) || q.get('latest') !== sec(until)))
        return { json: { ok: false, error: 'invalid_ts_oldest' } };
      if (!/^\d+\.\d{6}$/.test(q.get('oldest')!) || q.get('inclusive') !== 'true')
        return { json: { ok: false, error: 'invalid_arguments' } };
      const limit = Number(q.get('limit'));
      if (!(limit > 0 && limit <= 1000)) return { json: { ok: false, error: 'invalid_limit' } };
      const size = Math.min(limit, 25);
      if (req.path === '/conversations.history') {
        const p = page(lookingBack ? OLD_HISTORY : [EDGE, ...HISTORY], req, size);
        return {
          json: {
            ok: true,
            messages: p.slice,
            has_more: p.next !== '',
            response_metadata: { next_cursor: p.next },
          },
        };
      }
      if (q.get('ts') === OLD_ACTIVE.ts)
        // Slack filters replies by oldest/latest; all three are sent here, to prove the filter.
        return { json: { ok: true, messages: [OLD_ACTIVE, ...OLD_REPLIES], has_more: false } };
      if (q.get('ts') !== PARENT.ts) return { json: { ok: false, error: 'thread_not_found' } };
      // Every page of replies starts with the parent, as Slack sends it.
      const p = page(REPLIES, req, 10);
      return {
        json: {
          ok: true,
          messages: [PARENT, ...p.slice],
          has_more: p.next !== '',
          response_metadata: { next_cursor: p.next },
        },
      };
    }
    case '/users.info': {
      const u = USERS[q.get('user') ?? ''];
      return { json: u ? { ok: true, user: u } : { ok: false, error: 'user_not_found' } };
    }
    default:
      return { status: 404, body: 'unknown method' };
  }
}

const window = { since, until };

connectorConformance({
  connector: slack as never,
  source: (url) => ({ url, token_env: 'SLACK_TOKEN', channel: 'incident-42' }),
  env: { SLACK_TOKEN: TOKEN },
  secret: TOKEN,
  window,
  minItems: 102,
  minEvents: 102,
  handler,
});

describe('slack (Web API)', () => {
  let api: FakeApi;
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    api = await startFakeApi(handler);
    dir = await mkdtemp(join(tmpdir(), 'aftermath-slack-'));
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(
    extra: Record<string, unknown>,
    env: Record<string, string> = { SLACK_TOKEN: TOKEN },
  ) {
    const caseDir = join(dir, `case-${++n}`);
    await mkdir(caseDir);
    await writeFile(
      join(caseDir, 'aftermath.yaml'),
      stringify({
        sources: [
          { name: 'chat', type: 'slack', url: api.url, token_env: 'SLACK_TOKEN', ...extra },
        ],
      }),
    );
    const config = parseCaseConfig(
      await readFile(join(caseDir, 'aftermath.yaml'), 'utf8'),
      'aftermath.yaml',
    );
    const before = api.requests.length;
    const result = await collectCase(caseDir, config.live, {
      window,
      env,
      http: { baseDelayMs: 1, retries: 2 },
      connector: async () => slack as never,
    });
    const text = await readFile(join(caseDir, 'evidence', 'chat', 'messages.jsonl'), 'utf8').catch(
      () => '',
    );
    const lines = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    return { caseDir, result, lines, requests: api.requests.slice(before) };
  }

  it('resolves the channel name over cursor pages, pages the history and every thread, oldest first', async () => {
    const { lines, requests, result } = await run({ channel: 'incident-42' });
    expect(result.sources[0]!.outcome).toBe('collected');
    const paths = requests.map((r) => r.path);
    expect(paths.filter((p) => p === '/conversations.list')).toHaveLength(2);
    expect(
      requests.filter((r) => r.path === '/conversations.history').map((r) => r.query.get('cursor')),
    ).toEqual([null, '25', '50', null]); // the window's three pages, then the day before it
    // The window's thread over three pages, then the one started before the window and answered
    // in it; the thread that went quiet before the window is not read.
    expect(
      requests
        .filter((r) => r.path === '/conversations.replies')
        .map((r) => [r.query.get('ts'), r.query.get('cursor')]),
    ).toEqual([
      [PARENT.ts, null],
      [PARENT.ts, '10'],
      [PARENT.ts, '20'],
      [OLD_ACTIVE.ts, null],
    ]);
    // Not the message at `latest`, nor the parents and the reply from before the window.
    expect(lines).toHaveLength(72 + 30 + 2);
    expect(lines.filter((l) => l.thread_ts === OLD_ACTIVE.ts).map((l) => l.msg)).toEqual([
      'Omar K: late answer 1',
      'Omar K: late answer 2',
    ]);
    const us = lines.map((l) => String(l.slack_ts));
    expect([...us].sort()).toEqual(us);
    const reply = lines.find((l) => l.msg === 'Jane Doe: reply 0')!;
    expect(reply).toMatchObject({
      kind: 'chat',
      level: 'info',
      author: 'Jane Doe',
      channel: 'incident-42',
      channel_id: CHANNEL,
      thread_ts: PARENT.ts,
      permalink: `https://acme.slack.com/archives/${CHANNEL}/p${String(reply.slack_ts).replace('.', '')}?thread_ts=${PARENT.ts}&cid=${CHANNEL}`,
    });
    const marked = lines.find((l) => String(l.msg).includes('paging'))!;
    expect(marked.msg).toBe(
      'Jane Doe: paging @Omar K, see #incident-42 and the dashboard (https://grafana.example/d/x) & @here',
    );
    expect(marked.time).toBe(new Date(since + 3 * 25_000).toISOString().replace('Z', '126Z'));
    // Names are looked up once per user.
    expect(paths.filter((p) => p === '/users.info')).toHaveLength(2);
  });

  it('reads back through the timeline as chat events at the message time', async () => {
    const { caseDir } = await run({ channel: CHANNEL, workspace: 'acme' });
    const tl = await openTimeline([caseDir]);
    const events = [];
    for await (const batch of tl.events) events.push(...batch);
    expect(events).toHaveLength(104);
    expect(events[0]!.ts).toBeCloseTo(since + 0.123, 3);
    expect(events[0]!.attrs).toMatchObject({ kind: 'chat', author: 'Omar K', channel_id: CHANNEL });
  });

  it('ends the source on invalid_auth in an HTTP 200 answer', async () => {
    const { result } = await run({ channel: CHANNEL }, { SLACK_TOKEN: 'xoxb-wrong' });
    const r = result.sources[0]!;
    expect(r.outcome).toBe('failed');
    expect(r.gaps[0]!.message).toMatch(/invalid_auth/);
  });

  it('turns channel_not_found into a gap, not a failure', async () => {
    const { result, lines } = await run({ channel: 'C0MISSING99' });
    const r = result.sources[0]!;
    expect(r.outcome).toBe('partial');
    expect(r.gaps[0]!.message).toMatch(/channel_not_found/);
    expect(lines).toEqual([]);
    const named = await run({ channel: '#no-such-channel' });
    expect(named.result.sources[0]!.gaps[0]!.message).toMatch(/no channel named #no-such-channel/);
  });

  it('retries `ok: false, error: ratelimited` and HTTP 429 with Retry-After', async () => {
    api.failNext(
      {
        pathPrefix: '/conversations.history',
        json: { ok: false, error: 'ratelimited' },
        headers: { 'retry-after': '0.01' },
      },
      {
        pathPrefix: '/conversations.history',
        status: 429,
        headers: { 'retry-after': '0' },
        json: { ok: false, error: 'ratelimited' },
      },
    );
    const { result, lines } = await run({ channel: CHANNEL });
    expect(result.sources[0]!.outcome).toBe('collected');
    expect(lines).toHaveLength(104);
  });

  it('rejects a source with both an export and a token, or a token without a channel', async () => {
    await expect(run({ export: 'x.zip' })).rejects.toThrow(/either `export`/);
    await expect(run({})).rejects.toThrow(/channel/);
  });
});
