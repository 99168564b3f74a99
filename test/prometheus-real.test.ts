/**
 * Collect against the real servers: Debian's Prometheus scrapes an exporter the test drives,
 * evaluates an alerting rule that fires, Alertmanager routes it to the test's webhook receiver, and
 * `collectCase` must bring back the real series and the real alert from both.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { alertmanager } from '../src/connectors/alertmanager/index.js';
import { collectCase, type CollectResult } from '../src/connectors/collect.js';
import { prometheus } from '../src/connectors/prometheus/index.js';
import type { LogEvent } from '../src/core/event.js';
import { parseCaseConfig } from '../src/ingest/case-config.js';
import { openTimeline } from '../src/ingest/timeline.js';
import {
  ALERT_RULE,
  havePrometheusServers,
  startExporter,
  startPrometheusStack,
  startWebhookReceiver,
  type Exporter,
  type PrometheusStack,
  type WebhookReceiver,
} from './support/prometheus-servers.js';

const run = havePrometheusServers('prometheus-real');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${ms / 1000} s`);
    await sleep(200);
  }
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON read back from disk

describe.runIf(run)('prometheus and alertmanager, real servers', () => {
  let dir: string;
  let exporter: Exporter | undefined;
  let hook: WebhookReceiver | undefined;
  let stack: PrometheusStack | undefined;
  let caseDir: string;
  let result: CollectResult;
  let errorsFrom: number;
  let window: { since: number; until: number };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftermath-prom-real-'));
    exporter = await startExporter();
    hook = await startWebhookReceiver(join(dir, 'webhook.jsonl'));
    stack = await startPrometheusStack({ dir, exporterPort: exporter.port, webhookUrl: hook.url });
    const since = Math.floor(Date.now() / 1000) * 1000;
    // Healthy traffic first, so the series has a before; then 5xx until the alert is delivered.
    const ticker = setInterval(() => exporter!.count('200', 7), 200);
    try {
      await until('a first scrape', 10_000, async () =>
        exporter!.scrapes >= 2 ? true : undefined,
      );
      await sleep(2000);
      errorsFrom = Date.now();
      const errors = setInterval(() => exporter!.count('500', 1), 200);
      try {
        await until('the firing notification at the webhook', 20_000, async () =>
          (await hook!.received()).some((n) => n.status === 'firing') ? true : undefined,
        );
        // A few more scrapes of the 5xx counter, so its series has a shape to compare.
        const seen = exporter!.scrapes;
        await until('more scrapes', 10_000, async () =>
          exporter!.scrapes >= seen + 3 ? true : undefined,
        );
      } finally {
        clearInterval(errors);
      }
    } finally {
      clearInterval(ticker);
    }
    window = { since, until: Date.now() };
    caseDir = join(dir, 'case');
    await mkdir(caseDir);
    const yaml = stringify({
      title: 'real prometheus',
      sources: [
        {
          name: 'prom',
          type: 'prometheus',
          url: stack.prometheusUrl,
          queries: [
            { name: 'requests', expr: 'shop_http_requests_total', step: '1s' },
            {
              name: 'error-ratio',
              expr: 'sum(rate(shop_http_requests_total{code="500"}[5s])) / sum(rate(shop_http_requests_total[5s]))',
            },
          ],
        },
        {
          name: 'am',
          type: 'alertmanager',
          url: stack.alertmanagerUrl,
          filter: ['service="shop-api"'],
        },
        { name: 'webhook', path: '../webhook.jsonl', format: 'alertmanager' },
      ],
    });
    await writeFile(join(caseDir, 'aftermath.yaml'), yaml);
    result = await collectCase(caseDir, parseCaseConfig(yaml, 'aftermath.yaml').live, {
      window,
      env: {},
      connector: async (type) =>
        (type === 'prometheus'
          ? prometheus
          : type === 'alertmanager'
            ? alertmanager
            : undefined) as never,
    });
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    await exporter?.close();
    await hook?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const read = (source: string, file: string) =>
    readFile(join(caseDir, 'evidence', source, file), 'utf8');
  const lines = async (source: string, file: string): Promise<Json[]> =>
    (await read(source, file))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Json);

  it('collects both sources completely', () => {
    expect(result.sources.map((s) => [s.source, s.outcome, s.gaps])).toEqual([
      ['prom', 'collected', []],
      ['am', 'collected', []],
    ]);
  });

  it('brings back the series Prometheus scraped, with the values the exporter served', async () => {
    const doc = JSON.parse(await read('prom', 'requests.json')) as Json;
    expect(doc.status).toBe('success');
    expect(doc.data.resultType).toBe('matrix');
    const byCode = new Map<string, [number, string][]>(
      (doc.data.result as Json[]).map((s) => [s.metric.code as string, s.values]),
    );
    expect([...byCode.keys()].sort()).toEqual(['200', '500']);
    for (const [code, values] of byCode) {
      expect(values.length).toBeGreaterThan(2);
      const served = exporter!.served.get(code)!;
      for (const [t, v] of values) {
        expect(served.has(Number(v))).toBe(true);
        expect(t * 1000).toBeGreaterThanOrEqual(window.since);
        expect(t * 1000).toBeLessThan(window.until);
      }
      // A counter: never goes down.
      values.forEach(
        ([, v], i) => i > 0 && expect(Number(v)).toBeGreaterThanOrEqual(Number(values[i - 1]![1])),
      );
    }
    expect(Number(byCode.get('200')!.at(-1)![1])).toBeGreaterThan(0);
    const ratio = JSON.parse(await read('prom', 'error-ratio.json')) as Json;
    const last = ratio.data.result[0].values.at(-1);
    expect(Number(last[1])).toBeGreaterThan(0);
    expect(Number(last[1])).toBeLessThan(1);
  });

  it('turns the ALERTS history into the alert firing, after the first 5xx', async () => {
    const alerts = await lines('prom', 'alerts.jsonl');
    const firing = alerts.filter(
      (a) => a.status === 'firing' && a.labels.alertname === ALERT_RULE.alert,
    );
    expect(firing).toHaveLength(1);
    expect(firing[0]!.labels).toMatchObject({ ...ALERT_RULE.labels, job: 'shop' });
    expect(Date.parse(firing[0]!.startsAt)).toBeGreaterThanOrEqual(
      Math.floor(errorsFrom / 1000) * 1000,
    );
  });

  it("gets the alert from Alertmanager's API with its labels and annotations", async () => {
    const alerts = await lines('am', 'alerts.jsonl');
    const ours = alerts.find((a) => a.labels.alertname === ALERT_RULE.alert);
    expect(ours?.labels).toMatchObject({ ...ALERT_RULE.labels, job: 'shop' });
    expect(ours?.annotations).toEqual({ summary: ALERT_RULE.summary });
    expect(ours?.status.state).toBe('active');
    expect(await read('am', 'silences.jsonl')).toBe('');
  });

  it('the webhook receiver got the notification, and the timeline reads the alert from all three', async () => {
    const notes = await hook!.received();
    const firing = notes.find((n) => n.status === 'firing') as Json;
    expect(firing.alerts[0].labels.alertname).toBe(ALERT_RULE.alert);
    const tl = await openTimeline([caseDir]);
    const events: LogEvent[] = [];
    for await (const batch of tl.events) events.push(...batch);
    for (const s of tl.sources) expect([s.source, s.skipped]).toEqual([s.source, undefined]);
    const fired = events.filter(
      (e) =>
        e.message === `FIRING ${ALERT_RULE.alert} (page): ${ALERT_RULE.summary}` ||
        e.message === `FIRING ${ALERT_RULE.alert} (page)`,
    );
    expect(new Set(fired.map((e) => e.source))).toEqual(
      new Set(['prom/alerts', 'am/alerts', 'webhook']),
    );
    for (const e of fired) expect(e.level).toBe('critical');
    expect(tl.metrics.map((m) => m.path.split('/').pop()).sort()).toEqual([
      'error-ratio.json',
      'requests.json',
    ]);
  });
});
