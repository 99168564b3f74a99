import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeMetricAnswer, parseMetricAnswer, readMetricFile } from './metrics.js';
import { resolveInputs } from './read-paths.js';

const matrix = (result: unknown[]): string =>
  JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });

describe('metric answers', () => {
  it('reads each label set as a series with ms times and the unit from the name', () => {
    const text = matrix([
      {
        metric: { state: 'idle' },
        values: [
          [1795376251, '2'],
          [1795376256.5, '3'],
        ],
      },
      { metric: { state: 'total' }, values: [[1795376251, '5']] },
    ]);
    const { series, diagnostics } = parseMetricAnswer(text, 'p/db_pool_connections.json', 'prom');
    expect(diagnostics).toEqual([]);
    expect(series).toHaveLength(2);
    expect(series[0]).toMatchObject({
      source: 'prom',
      name: 'db_pool_connections',
      labels: { state: 'idle' },
      t: [1795376251000, 1795376256500],
      v: [2, 3],
      unit: 'count',
    });
    expect(parseMetricAnswer(text, 'error_ratio.json', 'p').series[0]!.unit).toBe('ratio');
    expect(parseMetricAnswer(text, 'latency_p95.json', 'p').series[0]!.unit).toBe('seconds');
  });

  it('keeps NaN and ±Inf as gaps and says so', () => {
    const text = matrix([
      {
        metric: {},
        values: [
          [1, 'NaN'],
          [2, '+Inf'],
          [3, '1.5'],
          [4, '-Inf'],
        ],
      },
    ]);
    const { series, diagnostics } = parseMetricAnswer(text, 'x.json', 'p');
    expect(series[0]!.v.map((v) => (Number.isNaN(v) ? 'gap' : v))).toEqual([
      'gap',
      'gap',
      1.5,
      'gap',
    ]);
    expect(diagnostics.map((d) => [d.ruleId, d.source, d.data?.values])).toEqual([
      ['metrics/non-finite', 'x.json', 3],
    ]);
  });

  it('refuses answers that are not a matrix, naming the file', () => {
    const cases: [string, string][] = [
      [
        JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }),
        'metrics/not-a-matrix',
      ],
      [
        JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1, '2'] } }),
        'metrics/not-a-matrix',
      ],
      [
        JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error' }),
        'metrics/query-error',
      ],
      ['{"status":"success","data":', 'metrics/bad-json'],
      ['[1,2]', 'metrics/not-an-answer'],
    ];
    for (const [text, id] of cases) {
      const r = parseMetricAnswer(text, 'q.json', 'p');
      expect(r.series).toEqual([]);
      expect(r.diagnostics.map((d) => d.ruleId)).toEqual([id]);
      expect(r.diagnostics[0]!.message).toMatch(/^q\.json: /);
    }
  });

  it('skips malformed samples with a warning and keeps the rest', () => {
    const text = matrix([
      {
        metric: {},
        values: [
          [1, '1'],
          ['x', '2'],
          [3, 3],
          [4, '4'],
        ],
      },
    ]);
    const r = parseMetricAnswer(text, 'q.json', 'p');
    expect(r.series[0]!.v).toEqual([1, 4]);
    expect(r.diagnostics.map((d) => [d.ruleId, d.data?.samples])).toEqual([
      ['metrics/bad-sample', 2],
    ]);
  });

  it('recognises a Prometheus answer from its first bytes', () => {
    expect(
      looksLikeMetricAnswer('{"status":"success","data":{"resultType":"matrix","result":['),
    ).toBe(true);
    expect(looksLikeMetricAnswer('{ "status": "error", "errorType": "timeout"')).toBe(true);
    expect(looksLikeMetricAnswer('{"level":"info","msg":"status success"}')).toBe(false);
    expect(looksLikeMetricAnswer('[{"file":"a.json"}]')).toBe(false);
  });
});

describe('metric files on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftermath-metrics-'));
    await mkdir(join(dir, 'case', 'prom'), { recursive: true });
    await mkdir(join(dir, 'logs'), { recursive: true });
    const answer = matrix([{ metric: {}, values: [[1795376251, '1']] }]);
    await writeFile(join(dir, 'case', 'prom', 'error_ratio.json'), answer);
    await writeFile(join(dir, 'case', 'prom', 'other.txt'), answer);
    await writeFile(join(dir, 'case', 'app.log'), '2026-11-22T19:40:00Z INFO hello\n');
    await writeFile(
      join(dir, 'case', 'aftermath.yaml'),
      'sources:\n  - path: app.log\n  - name: ratio\n    path: prom/error_ratio.json\n    clock_offset: -2s\n  - name: forced\n    path: prom/other.txt\n    format: prometheus-matrix\n',
    );
    await writeFile(join(dir, 'logs', 'up.json'), answer);
    await writeFile(join(dir, 'logs', 'events.json'), '{"level":"info","msg":"x"}\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a file over the size cap with a diagnostic', async () => {
    const r = await readMetricFile({ source: 'p', path: join(dir, 'logs', 'up.json') }, 10);
    expect(r.series).toEqual([]);
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['metrics/too-large']);
    const missing = await readMetricFile({ source: 'p', path: join(dir, 'nope.json') });
    expect(missing.diagnostics.map((d) => d.ruleId)).toEqual(['metrics/unreadable']);
  });

  it('sends case sources of format prometheus-matrix, or sniffed as answers, to metrics', async () => {
    const r = await resolveInputs([join(dir, 'case')]);
    expect(r.specs.map((s) => s.name)).toEqual(['app.log']);
    expect(r.metrics?.map((m) => m.source)).toEqual(['ratio', 'forced']);
    const series = await readMetricFile(r.metrics![1]!);
    expect(series.series[0]!.name).toBe('other');
    expect(series.series[0]!.t).toEqual([1795376251_000]);
    // A source's clock_offset moves its samples as it moves log lines.
    const shifted = await readMetricFile(r.metrics![0]!);
    expect(shifted.series[0]!.t).toEqual([1795376251_000 - 2000]);
  });

  it('sends answers found in a folder walk to metrics and keeps JSON logs as logs', async () => {
    const r = await resolveInputs([join(dir, 'logs')]);
    expect(r.specs.map((s) => s.name)).toEqual(['events.json']);
    expect(r.metrics).toEqual([{ source: 'up.json', path: join(dir, 'logs', 'up.json') }]);
    const forced = await resolveInputs([join(dir, 'logs', 'events.json')], {
      format: 'prometheus-matrix',
    });
    expect(forced.specs).toEqual([]);
    expect(forced.metrics).toHaveLength(1);
  });
});
