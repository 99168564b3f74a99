import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { connectorConformance } from '../../../test/support/connector-conformance.js';
import { startFakeApi, type FakeApi, type FakeRequest } from '../../../test/support/fake-api.js';
import { parseCaseConfig } from '../../ingest/case-config.js';
import { openTimeline } from '../../ingest/timeline.js';
import { collectCase } from '../collect.js';
import { pagerduty } from './index.js';
import type { LogEntry } from './log-entry.js';

const since = Date.parse('2026-11-22T19:30:00Z');
const until = Date.parse('2026-11-22T20:00:00Z');
const KEY = 'pd-key-u+1234567890';
const TYPES = ['trigger', 'notify', 'acknowledge', 'escalate', 'annotate', 'resolve'];

/** 240 entries for incident Q1W2E3 across the window, plus two outside it (PagerDuty's edges are inclusive). */
function entries(): LogEntry[] {
  const out: LogEntry[] = [];
  for (let i = 0; i < 240; i++) {
    const type = `${TYPES[i % TYPES.length]}_log_entry`;
    out.push({
      id: `R${i}`,
      type,
      created_at: new Date(since + i * 7000).toISOString().replace('.000Z', 'Z'),
      agent: { id: 'PU1', type: 'user_reference', summary: 'Jane Doe' },
      channel:
        type === 'annotate_log_entry'
          ? { type: 'note', summary: 'rolling back' }
          : { type: 'web_trigger' },
      service: { id: i % 2 ? 'PSVC1' : 'PSVC2', summary: 'shop-api' },
      incident: {
        id: 'Q1W2E3',
        summary: '[#1234] High error ratio',
        html_url: 'https://acme.pagerduty.com/incidents/Q1W2E3',
      },
    });
  }
  out.push({
    id: 'EDGE',
    type: 'trigger_log_entry',
    created_at: new Date(until).toISOString(),
    incident: { id: 'X' },
  });
  return out.reverse(); // newest first, as the API lists them
}
const ALL = entries();

/** GET /log_entries and /incidents/{id}/log_entries with classic pagination, checking the request shape. */
function handler(req: FakeRequest) {
  if (req.headers.authorization !== `Token token=${KEY}`)
    return { status: 401, json: { error: { message: 'Unauthorized', code: 2006 } } };
  if (req.headers.accept !== 'application/vnd.pagerduty+json;version=2')
    return { status: 400, json: { error: 'accept' } };
  if (req.query.get('since') !== new Date(since).toISOString())
    return { status: 400, json: { error: 'since' } };
  if (req.query.get('until') !== new Date(until).toISOString())
    return { status: 400, json: { error: 'until' } };
  if (req.query.get('is_overview') !== 'false')
    return { status: 400, json: { error: 'is_overview' } };
  const limit = Number(req.query.get('limit'));
  const offset = Number(req.query.get('offset'));
  if (!(limit > 0 && limit <= 100) || !(offset >= 0))
    return { status: 400, json: { error: 'paging' } };
  let list = ALL;
  const incident = /^\/incidents\/([^/]+)\/log_entries$/.exec(req.path);
  if (incident) {
    if (incident[1] !== 'Q1W2E3')
      return { status: 404, json: { error: { message: 'Not Found', code: 2100 } } };
    list = ALL.filter((e) => e.incident?.id === 'Q1W2E3');
  } else if (req.path !== '/log_entries') return { status: 404, json: {} };
  const teams = req.query.getAll('team_ids[]');
  if (teams.length > 0 && !teams.includes('PTEAM')) list = [];
  const page = list.slice(offset, offset + limit);
  return {
    json: { log_entries: page, limit, offset, more: offset + limit < list.length, total: null },
  };
}

const window = { since, until };

connectorConformance({
  connector: pagerduty as never,
  source: (url) => ({ url, token_env: 'PD_TOKEN' }),
  env: { PD_TOKEN: KEY },
  secret: KEY,
  window,
  minItems: 240,
  minEvents: 240,
  handler,
});

describe('pagerduty', () => {
  let api: FakeApi;
  let dir: string;
  beforeAll(async () => {
    api = await startFakeApi(handler);
    dir = await mkdtemp(join(tmpdir(), 'aftermath-pd-'));
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(name: string, extra: Record<string, unknown>) {
    const caseDir = join(dir, name);
    await import('node:fs/promises').then((fs) => fs.mkdir(caseDir));
    await writeFile(
      join(caseDir, 'aftermath.yaml'),
      stringify({
        sources: [{ name: 'pd', type: 'pagerduty', url: api.url, token_env: 'PD_TOKEN', ...extra }],
      }),
    );
    const config = parseCaseConfig(
      await readFile(join(caseDir, 'aftermath.yaml'), 'utf8'),
      'aftermath.yaml',
    );
    const before = api.requests.length;
    const result = await collectCase(caseDir, config.live, {
      window,
      env: { PD_TOKEN: KEY },
      http: { baseDelayMs: 1, retries: 1 },
      connector: async () => pagerduty as never,
    });
    const text = await readFile(join(caseDir, 'evidence', 'pd', 'log-entries.jsonl'), 'utf8').catch(
      () => '',
    );
    return {
      caseDir,
      result,
      lines: text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
      requests: api.requests.slice(before),
    };
  }

  it('pages with offset and limit until `more` is false, keeps the window and writes oldest first', async () => {
    const { lines, requests } = await run('paging', {});
    expect(requests.map((r) => r.query.get('offset'))).toEqual(['0', '100', '200']);
    expect(requests[0]!.query.getAll('include[]')).toContain('incidents');
    expect(lines).toHaveLength(240); // the entry at `until` is outside the window
    const times = lines.map((l) => Date.parse(l.time));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(lines[2]).toMatchObject({
      level: 'info',
      kind: 'page',
      pagerduty_type: 'acknowledge_log_entry',
      incident: 'Q1W2E3',
      agent: 'Jane Doe',
      msg: 'PagerDuty: acknowledged by Jane Doe (incident Q1W2E3 "High error ratio")',
    });
    expect(lines[4]).toMatchObject({ pagerduty_type: 'annotate_log_entry', note: 'rolling back' });
  });

  it('reads back through the timeline with the page attributes', async () => {
    const { caseDir } = await run('timeline', {});
    const tl = await openTimeline([caseDir]);
    const events = [];
    for await (const batch of tl.events) events.push(...batch);
    expect(events).toHaveLength(240);
    const ack = events.find((e) => e.attrs.pagerduty_type === 'acknowledge_log_entry')!;
    expect(ack.ts).toBe(since + 2 * 7000);
    expect(ack.attrs).toMatchObject({ kind: 'page', incident: 'Q1W2E3', agent: 'Jane Doe' });
    expect(ack.format).toBe('json');
  });

  it('filters by service and team, and turns an unknown incident into a gap while keeping the others', async () => {
    const svc = await run('service', { service_ids: ['PSVC1'] });
    expect(svc.lines).toHaveLength(120);
    const team = await run('team', { team_ids: ['PTEAM'] });
    expect(team.requests[0]!.query.getAll('team_ids[]')).toEqual(['PTEAM']);
    const other = await run('other-team', { team_ids: ['NOPE'] });
    expect(other.lines).toHaveLength(0);
    expect(other.result.sources[0]!.outcome).toBe('collected');
    const inc = await run('incidents', { incidents: ['MISSING', 'Q1W2E3'] });
    expect(inc.requests[0]!.path).toBe('/incidents/MISSING/log_entries');
    expect(inc.lines).toHaveLength(240);
    expect(inc.result.sources[0]!.outcome).toBe('partial');
    expect(inc.result.sources[0]!.gaps[0]!.data).toEqual({ incident: 'MISSING' });
  });

  it('rejects option typos before fetching', async () => {
    const before = api.requests.length;
    await expect(run('typo', { incident: ['Q1W2E3'] })).rejects.toThrow(/incident/);
    expect(api.requests.length).toBe(before);
  });
});
