/**
 * One conformance suite for every HTTP connector (DESIGN §6): each connector's test calls
 * `connectorConformance(fixture)` with a fake server that speaks its API, and the suite checks the
 * behaviour all connectors owe: a snapshot with a manifest that hashes it and a timeline that reads
 * it, a second collect that fetches nothing, retries on 429/503/cut-off bodies, a clear gap on 401
 * and on a server too slow to answer, and no credential anywhere on disk or in what is printed.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { collectCase, type CollectOptions } from '../../src/connectors/collect.js';
import type { Connector, Window } from '../../src/connectors/connector.js';
import { METRIC_FORMAT } from '../../src/core/manifest.js';
import { parseCaseConfig } from '../../src/ingest/case-config.js';
import { openTimeline } from '../../src/ingest/timeline.js';
import { startFakeApi, type FakeApi, type FakeHandler } from './fake-api.js';

export interface ConnectorFixture {
  connector: Connector<unknown>;
  /** The source's entry in aftermath.yaml beyond name/type, pointing at the fake server. */
  source(url: string): Record<string, unknown>;
  /** Speaks the connector's API for `window`. */
  handler: FakeHandler;
  window: Window;
  /** Environment with the credentials the source entry names. */
  env?: Record<string, string>;
  /** A credential value that must never be written or printed. */
  secret?: string;
  /** The snapshot holds at least this many items. */
  minItems: number;
  /** The timeline of the case reads at least this many events (0 for metric-only sources). */
  minEvents: number;
}

const FAST: NonNullable<CollectOptions['http']> = { baseDelayMs: 5, maxDelayMs: 20, retries: 3 };

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath, e.name));
  }
  return out;
}

export function connectorConformance(f: ConnectorFixture): void {
  const id = f.connector.id;
  describe(`connector conformance: ${id}`, () => {
    let api: FakeApi;
    let dir: string;
    let n = 0;

    beforeAll(async () => {
      api = await startFakeApi(f.handler);
      dir = await mkdtemp(join(tmpdir(), `aftermath-${id}-`));
    });
    afterAll(async () => {
      await api.close();
      await rm(dir, { recursive: true, force: true });
    });

    async function newCase(extra: Record<string, unknown> = {}): Promise<string> {
      const caseDir = join(dir, `case-${++n}`);
      const { mkdir } = await import('node:fs/promises');
      await mkdir(caseDir);
      const yaml = stringify({
        title: `${id} conformance`,
        window: {
          since: new Date(f.window.since).toISOString(),
          until: new Date(f.window.until).toISOString(),
        },
        sources: [{ name: 'live', type: id, ...f.source(api.url), ...extra }],
      });
      await writeFile(join(caseDir, 'aftermath.yaml'), yaml);
      return caseDir;
    }

    async function collect(caseDir: string, more: Partial<CollectOptions> = {}) {
      const config = parseCaseConfig(
        await readFile(join(caseDir, 'aftermath.yaml'), 'utf8'),
        'aftermath.yaml',
      );
      return collectCase(caseDir, config.live, {
        window: f.window,
        env: f.env ?? {},
        http: FAST,
        connector: async () => f.connector,
        ...more,
      });
    }

    it('snapshots the window with a manifest that hashes every file, and the timeline reads it', async () => {
      const caseDir = await newCase();
      const result = await collect(caseDir);
      expect(result.sources).toHaveLength(1);
      const r = result.sources[0]!;
      expect(r.gaps).toEqual([]);
      expect(r.outcome).toBe('collected');
      expect(r.items).toBeGreaterThanOrEqual(f.minItems);
      const manifest = JSON.parse(
        await readFile(join(caseDir, 'evidence', 'manifest.json'), 'utf8'),
      );
      const entry = manifest.sources.live;
      expect(entry.complete).toBe(true);
      expect(entry.type).toBe(id);
      expect(Date.parse(entry.window.since)).toBe(f.window.since);
      expect(Date.parse(entry.window.until)).toBe(f.window.until);
      expect(entry.files.length).toBeGreaterThan(0);
      for (const file of entry.files) {
        const data = await readFile(join(caseDir, 'evidence', 'live', file.path));
        expect(createHash('sha256').update(data).digest('hex')).toBe(file.sha256);
        expect(data.length).toBe(file.bytes);
      }
      const tl = await openTimeline([caseDir]);
      let events = 0;
      for await (const batch of tl.events) events += batch.length;
      expect(events).toBeGreaterThanOrEqual(f.minEvents);
      const metricFiles = entry.files.filter((x: { format: string }) => x.format === METRIC_FORMAT);
      expect(tl.metrics).toHaveLength(metricFiles.length);
      expect(tl.diagnostics.filter((d) => d.ruleId.startsWith('collect/'))).toEqual([]);
      for (const s of tl.sources) expect(s.skipped).toBeUndefined();
    });

    it('a second collect finds the snapshot current and fetches nothing', async () => {
      const caseDir = await newCase();
      await collect(caseDir);
      const before = api.requests.length;
      const again = await collect(caseDir);
      expect(again.sources[0]!.outcome).toBe('current');
      expect(api.requests.length).toBe(before);
      const forced = await collect(caseDir, { force: true });
      expect(forced.sources[0]!.outcome).toBe('collected');
      expect(api.requests.length).toBeGreaterThan(before);
    });

    it('retries after 429 with Retry-After, after 503s and after a body cut off mid-way', async () => {
      const caseDir = await newCase();
      api.failNext(
        { status: 429, headers: { 'retry-after': '0' }, json: { error: 'slow down' } },
        { status: 503, body: 'upstream unavailable' },
        { status: 200, json: { data: 'x'.repeat(4000) }, truncate: true },
      );
      const result = await collect(caseDir);
      expect(result.sources[0]!.outcome).toBe('collected');
      const retries = result.diagnostics.filter((d) => d.ruleId === 'collect/retry');
      expect(retries.length).toBeGreaterThanOrEqual(3);
      expect(retries.some((d) => d.message.includes('429'))).toBe(true);
    });

    it('401 becomes a gap that names the status, with no snapshot file, and the timeline names the gap', async () => {
      const caseDir = await newCase();
      api.failNext(
        ...Array.from({ length: 8 }, () => ({ status: 401, json: { error: 'unauthorized' } })),
      );
      const result = await collect(caseDir);
      api.clearFaults();
      const r = result.sources[0]!;
      expect(r.outcome).toBe('failed');
      expect(r.gaps.map((g) => g.message).join(' ')).toMatch(/401/);
      const files = await allFiles(join(caseDir, 'evidence'));
      expect(files.map((p) => p.split('/').pop())).toEqual(['manifest.json']);
      const tl = await openTimeline([caseDir]);
      expect(tl.diagnostics.map((d) => d.ruleId)).toContain('collect/gap');
    });

    it('a server slower than the timeout becomes a gap after bounded retries, not a hang', async () => {
      const caseDir = await newCase({ timeout: '200ms' });
      api.failNext(...Array.from({ length: 4 }, () => ({ status: 200, json: {}, delayMs: 1500 })));
      const t0 = Date.now();
      const result = await collect(caseDir);
      api.clearFaults();
      expect(Date.now() - t0).toBeLessThan(8000);
      const r = result.sources[0]!;
      // A connector with several queries may go on with the others: partial, with the gap named.
      expect(['failed', 'partial']).toContain(r.outcome);
      expect(r.gaps[0]!.message).toMatch(/within 0\.2 s/);
    });

    it('writes no credential to the evidence folder or the diagnostics', async () => {
      if (!f.secret) return;
      const caseDir = await newCase();
      const result = await collect(caseDir);
      expect(result.sources[0]!.outcome).toBe('collected');
      const authHeaders = api.requests.map((r) => JSON.stringify(r.headers));
      expect(authHeaders.some((h) => h.includes(f.secret!))).toBe(true);
      for (const file of await allFiles(caseDir)) {
        expect((await readFile(file, 'utf8')).includes(f.secret)).toBe(false);
      }
      expect(JSON.stringify(result).includes(f.secret)).toBe(false);
    });

    it('a missing credential variable is a gap naming the variable', async () => {
      if (!f.env || Object.keys(f.env).length === 0) return;
      const caseDir = await newCase();
      const result = await collect(caseDir, { env: {} });
      const r = result.sources[0]!;
      expect(r.outcome).toBe('failed');
      expect(r.gaps[0]!.message).toContain(Object.keys(f.env)[0]!);
    });
  });
}
