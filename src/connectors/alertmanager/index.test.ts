import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { connectorConformance } from '../../../test/support/connector-conformance.js';
import { startFakeApi, type FakeApi } from '../../../test/support/fake-api.js';
import {
  fakeAlertmanager,
  type FakeAlert,
  type FakeSilence,
} from '../../../test/fixtures/prometheus/fake-alertmanager.js';
import type { LogEvent } from '../../core/event.js';
import { parseCaseConfig } from '../../ingest/case-config.js';
import { openTimeline } from '../../ingest/timeline.js';
import { collectCase } from '../collect.js';
import { alertmanager } from './index.js';
import { matcherText } from './silences.js';

const since = Date.parse('2026-11-22T19:30:00Z');
const until = Date.parse('2026-11-22T20:00:00Z');
const LATER = '2026-11-22T21:00:00Z';
const shop = { service: 'shop-api', team: 'checkout' };

const ALERTS: FakeAlert[] = [
  {
    labels: { alertname: 'ShopApiHighLatencyP95', severity: 'warning', ...shop },
    annotations: { summary: 'shop-api p95 latency above 1s' },
    startsAt: '2026-11-22T19:41:56.813Z',
    endsAt: LATER,
    state: 'suppressed',
    silencedBy: ['s-active'],
  },
  {
    labels: { alertname: 'ShopApiHighErrorRatio', severity: 'page', ...shop },
    annotations: { summary: 'shop-api 5xx ratio above 5%' },
    startsAt: '2026-11-22T19:41:21.813Z',
    endsAt: LATER,
    state: 'active',
  },
  {
    labels: { alertname: 'DiskFull', severity: 'page', service: 'billing' },
    startsAt: '2026-11-22T19:45:00Z',
    endsAt: LATER,
    state: 'active',
  },
  {
    labels: { alertname: 'AfterTheWindow', severity: 'page', ...shop },
    startsAt: '2026-11-22T20:10:00Z',
    endsAt: LATER,
    state: 'active',
  },
];

const matcher = (name: string, value: string, isRegex = false, isEqual = true) => ({
  name,
  value,
  isRegex,
  isEqual,
});
const SILENCES: FakeSilence[] = [
  {
    id: 's-active',
    matchers: [matcher('alertname', 'ShopApiHighLatencyP95'), matcher('env', 'prod.*', true)],
    startsAt: '2026-11-22T19:43:00Z',
    endsAt: '2026-11-22T21:43:00Z',
    createdBy: 'maria',
    comment: 'latency follows the error ratio; tracked in INC-42',
    state: 'active',
  },
  {
    id: 's-ended',
    matchers: [matcher('service', 'shop-api'), matcher('severity', 'page', false, false)],
    startsAt: '2026-11-22T19:00:00Z',
    endsAt: '2026-11-22T19:35:00Z',
    createdBy: 'deploy-bot',
    comment: 'deploy 1.4.2',
    state: 'expired',
  },
  {
    id: 's-old',
    matchers: [matcher('service', 'shop-api')],
    startsAt: '2026-11-22T10:00:00Z',
    endsAt: '2026-11-22T11:00:00Z',
    createdBy: 'someone',
    comment: 'long before',
    state: 'expired',
  },
  {
    id: 's-next',
    matchers: [matcher('service', 'shop-api')],
    startsAt: '2026-11-22T22:00:00Z',
    endsAt: '2026-11-22T23:00:00Z',
    createdBy: 'maria',
    comment: 'maintenance',
    state: 'pending',
  },
];

connectorConformance({
  connector: alertmanager as never,
  source: (url) => ({ url, auth: { bearer_env: 'AM_TOKEN' }, filter: ['service="shop-api"'] }),
  env: { AM_TOKEN: 'am-sekrit-9' },
  secret: 'am-sekrit-9',
  window: { since, until },
  minItems: 5,
  minEvents: 5,
  handler: fakeAlertmanager({ token: 'am-sekrit-9', alerts: ALERTS, silences: SILENCES }),
});

describe('alertmanager connector', () => {
  let api: FakeApi;
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    api = await startFakeApi(fakeAlertmanager({ alerts: ALERTS, silences: SILENCES }));
    dir = await mkdtemp(join(tmpdir(), 'aftermath-am-'));
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function collect(options: Record<string, unknown>) {
    const caseDir = join(dir, `case-${++n}`);
    await mkdir(caseDir);
    const yaml = stringify({
      sources: [{ name: 'am', type: 'alertmanager', url: `${api.url}/`, ...options }],
    });
    await writeFile(join(caseDir, 'aftermath.yaml'), yaml);
    const result = await collectCase(caseDir, parseCaseConfig(yaml, 'x').live, {
      window: { since, until },
      env: {},
      http: { baseDelayMs: 1, maxDelayMs: 2, retries: 1 },
      connector: async () => alertmanager as never,
    });
    const lines = async (name: string) =>
      (await readFile(join(caseDir, 'evidence', 'am', name), 'utf8'))
        .trimEnd()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    return { caseDir, result, lines };
  }

  it('keeps the filtered alerts that overlap the window, in time order, as the API gave them', async () => {
    const { result, lines } = await collect({
      filter: ['service="shop-api"', 'severity=~"page|warning"'],
    });
    expect(result.sources[0]!.outcome).toBe('collected');
    const sent = api.requests.filter((r) => r.path === '/api/v2/alerts').at(-1)!;
    expect(sent.query.getAll('filter')).toEqual(['service="shop-api"', 'severity=~"page|warning"']);
    expect(sent.query.get('silenced')).toBe('true');
    const alerts = await lines('alerts.jsonl');
    expect(alerts.map((a) => a.labels.alertname)).toEqual([
      'ShopApiHighErrorRatio',
      'ShopApiHighLatencyP95',
    ]);
    expect(alerts[1].status).toEqual({
      inhibitedBy: [],
      silencedBy: ['s-active'],
      state: 'suppressed',
    });
  });

  it('writes the silences of the window as JSON lines: when each started and when one ended', async () => {
    const { lines } = await collect({});
    expect((await lines('silences.jsonl')).map((l) => [l.time, l.msg])).toEqual([
      [
        '2026-11-22T19:00:00.000Z',
        'silence s-ended by deploy-bot: deploy 1.4.2 (service="shop-api", severity!="page")',
      ],
      [
        '2026-11-22T19:35:00.000Z',
        'silence s-ended ended: deploy 1.4.2 (service="shop-api", severity!="page")',
      ],
      [
        '2026-11-22T19:43:00.000Z',
        'silence s-active by maria: latency follows the error ratio; tracked in INC-42 (alertname="ShopApiHighLatencyP95", env=~"prod.*")',
      ],
    ]);
  });

  it('the timeline reads alerts (silenced ones as notices) and silences', async () => {
    const { caseDir } = await collect({ filter: ['team="checkout"'] });
    const tl = await openTimeline([caseDir]);
    const events: LogEvent[] = [];
    for await (const batch of tl.events) events.push(...batch);
    const byMessage = new Map(events.map((e) => [e.message, e]));
    expect(
      byMessage.get('FIRING ShopApiHighErrorRatio (page): shop-api 5xx ratio above 5%')?.level,
    ).toBe('critical');
    const silenced = byMessage.get(
      'FIRING ShopApiHighLatencyP95 (warning): shop-api p95 latency above 1s',
    );
    expect(silenced?.level).toBe('notice');
    expect(new Date(silenced!.ts).toISOString()).toBe('2026-11-22T19:41:56.813Z');
    expect(events.filter((e) => e.message.startsWith('silence '))).toHaveLength(3);
    expect(events.map((e) => e.ts)).toEqual([...events.map((e) => e.ts)].sort((a, b) => a - b));
  });

  it('silences: false asks only for alerts', async () => {
    const before = api.requests.length;
    const { result } = await collect({ silences: false });
    expect(api.requests.slice(before).map((r) => r.path)).toEqual(['/api/v2/alerts']);
    expect(result.sources[0]!.files).toBe(1);
  });

  it('a failing silences endpoint is a gap; the alerts are kept', async () => {
    api.failNext(
      ...Array.from({ length: 2 }, () => ({
        status: 500,
        body: 'boom',
        pathPrefix: '/api/v2/silences',
      })),
    );
    const { result, lines } = await collect({});
    const r = result.sources[0]!;
    expect(r.outcome).toBe('partial');
    expect(r.gaps.map((g) => g.data)).toEqual([{ endpoint: 'silences' }]);
    expect(r.gaps[0]!.message).toMatch(/^silences: .*HTTP 500/);
    expect((await lines('alerts.jsonl')).length).toBeGreaterThan(0);
  });

  it('refuses a filter that is not a matcher before fetching', async () => {
    const r = alertmanager.options.safeParse({
      url: 'http://am:9093',
      filter: ['service=shop-api'],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['filter', 0]);
  });

  it('prints matchers as amtool does', () => {
    expect(matcherText({ name: 'a', value: 'x"y', isRegex: false, isEqual: true })).toBe(
      'a="x\\"y"',
    );
    expect(matcherText({ name: 'a', value: '.+', isRegex: true, isEqual: false })).toBe('a!~".+"');
    // Alertmanager before 0.22 had no isEqual: an equality matcher.
    expect(matcherText({ name: 'a', value: 'b', isRegex: true })).toBe('a=~"b"');
  });
});
