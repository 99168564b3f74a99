/**
 * The bundled example incident (examples/pool-exhaustion) against its ground truth: the deploy,
 * the onset, the page, the rollback, recovery, the failed requests and the error types; and the
 * shape of `aftermath analyze --json`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analysis/analyze.js';
import { analyzeIncident } from '../../src/pipeline/analyze-incident.js';
import { SECOND, at, momentOf, momentsOf, story } from './synthetic.js';

const root = join(import.meta.dirname, '../..');
const example = join(root, 'examples/pool-exhaustion');
const groundTruthPath = join(root, '../shared/incidents/pool-exhaustion/ground-truth.json');

// From ground-truth.json (../shared/incidents/pool-exhaustion, also in the example folder):
const TRUTH = {
  deploy: at('2026-11-22T19:40:37.142Z'), // deploy.t: nginx reloaded onto the bad release
  first5xx: at('2026-11-22T19:40:42Z'), // first_5xx_nginx.t
  mitigation: at('2026-11-22T19:43:13.772Z'), // mitigation.t: nginx reloaded onto the revert
  last5xx: at('2026-11-22T19:43:15Z'), // last_5xx_nginx.t
  pageResolved: at('2026-11-22T19:44:31.872Z'), // alerts[0].resolved_notification_at
  failed: 2178, // totals["5xx"]
  // top_app_errors: each is logged by PostgreSQL as often as the app reports it.
  topErrors: [
    ['remaining connection slots are reserved for non-replication superuser connections', 901],
    ['canceling statement due to statement timeout', 672],
    ['sorry, too many clients already', 605],
  ] as const,
};

describe.skipIf(!existsSync(groundTruthPath))('the hard-coded ground truth', () => {
  it('matches ../shared/incidents/pool-exhaustion/ground-truth.json', () => {
    const g = JSON.parse(readFileSync(groundTruthPath, 'utf8')) as {
      deploy: { t: string };
      first_5xx_nginx: { t: string };
      mitigation: { t: string };
      last_5xx_nginx: { t: string };
      alerts: { alertname: string; resolved_notification_at: string }[];
      totals: Record<string, number>;
      top_app_errors: { message: string; count: number }[];
    };
    expect(at(g.deploy.t)).toBe(TRUTH.deploy);
    expect(at(g.first_5xx_nginx.t)).toBe(TRUTH.first5xx);
    expect(at(g.mitigation.t)).toBe(TRUTH.mitigation);
    expect(at(g.last_5xx_nginx.t)).toBe(TRUTH.last5xx);
    expect(g.alerts[0]).toMatchObject({ alertname: 'ShopApiHighErrorRatio' });
    expect(at(g.alerts[0]!.resolved_notification_at)).toBe(TRUTH.pageResolved);
    expect(g.totals['5xx']).toBe(TRUTH.failed);
    expect(g.top_app_errors.map((e) => [e.message, e.count])).toEqual(TRUTH.topErrors);
  });
});

describe('the example incident, analysed', () => {
  let analysis: Analysis;
  beforeAll(async () => {
    ({ analysis } = await analyzeIncident([example]));
  }, 60_000);

  it('finds the deploy within 2 s of the ground truth', () => {
    const deploys = momentsOf(analysis, 'deploy');
    const near = deploys.filter((m) => Math.abs(m.ts - TRUTH.deploy) <= 2 * SECOND);
    expect(near, story(analysis)).not.toHaveLength(0);
    expect(near[0]!.data).toMatchObject({ version: '0464e75' });
    expect(
      analysis.suspects.some((s) => s.kind === 'deploy' && s.data?.version === '0464e75'),
    ).toBe(true);
  });

  it('dates the onset within 30 s of the first 5xx', () => {
    const onset = momentOf(analysis, 'onset');
    expect(onset, story(analysis)).toBeDefined();
    expect(Math.abs(onset!.ts - TRUTH.first5xx)).toBeLessThanOrEqual(30 * SECOND);
  });

  it('sees the ShopApiHighErrorRatio page firing', () => {
    const firing = momentsOf(analysis, 'alert_firing').find(
      (m) => m.data?.alertname === 'ShopApiHighErrorRatio',
    );
    expect(firing, story(analysis)).toBeDefined();
    expect(firing!.evidence[0]!.file).toMatch(/alertmanager\/alerts\.jsonl$/);
  });

  it('finds the mitigation within 5 s of the rollback, and recovery after the last 5xx', () => {
    const mitigation = momentOf(analysis, 'mitigation');
    expect(mitigation, story(analysis)).toBeDefined();
    expect(Math.abs(mitigation!.ts - TRUTH.mitigation)).toBeLessThanOrEqual(5 * SECOND);
    const recovery = momentOf(analysis, 'recovery');
    expect(recovery, story(analysis)).toBeDefined();
    expect(recovery!.ts).toBeGreaterThanOrEqual(TRUTH.last5xx);
    expect(recovery!.ts).toBeLessThanOrEqual(at('2026-11-22T19:44:30Z'));
  });

  it('counts every 5xx of nginx as a failed request', () => {
    expect(analysis.impact).toMatchObject({ source: 'nginx', failedRequests: TRUTH.failed });
  });

  it('ranks the three PostgreSQL errors with their counts', () => {
    for (const [message, count] of TRUTH.topErrors) {
      const t = analysis.templates.topErrors.find(
        (x) => x.source === 'postgres' && x.template === message,
      );
      expect(t, message).toBeDefined();
      expect(t!.errors).toBe(count);
    }
  });
});

describe.skipIf(!existsSync(join(root, 'dist/cli/main.js')))('aftermath analyze --json', () => {
  it('writes the schema id and every moment with kind, time, source, confidence, evidence', () => {
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin/aftermath.js'), 'analyze', example, '--json'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { schema: unknown; moments: Record<string, unknown>[] };
    expect(out.schema).toMatch(/^aftermath\/analysis@\d+$/);
    expect(out.moments.length).toBeGreaterThan(5);
    for (const m of out.moments) {
      expect(m, JSON.stringify(m)).toMatchObject({
        kind: expect.any(String),
        ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        source: expect.any(String),
        confidence: expect.any(Number),
        evidence: expect.any(Array),
      });
      const evidence = m.evidence as unknown[];
      expect(evidence.length, JSON.stringify(m)).toBeGreaterThan(0);
      for (const e of evidence)
        expect(e).toEqual({ file: expect.any(String), line: expect.any(Number) });
    }
    expect(out.moments.map((m) => m.kind)).toEqual(
      expect.arrayContaining(['deploy', 'onset', 'alert_firing', 'mitigation', 'recovery']),
    );
  });
});
