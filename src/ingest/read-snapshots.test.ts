import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInputs } from './read-paths.js';

describe('a case with live sources, read from its snapshot', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftermath-snapshots-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function caseWith(yaml: string, manifest?: object): Promise<string> {
    const caseDir = await mkdtemp(join(dir, 'case-'));
    await writeFile(join(caseDir, 'aftermath.yaml'), yaml);
    if (manifest) {
      await mkdir(join(caseDir, 'evidence'), { recursive: true });
      await writeFile(join(caseDir, 'evidence/manifest.json'), JSON.stringify(manifest));
    }
    return caseDir;
  }
  const entry = (files: object[], gaps: object[] = []) => ({
    type: 'alertmanager',
    query: 'GET /api/v2/alerts',
    window: { since: '2026-11-22T19:30:00.000Z', until: '2026-11-22T20:00:00.000Z' },
    fetchedAt: '2026-11-22T21:00:00.000Z',
    items: 3,
    complete: gaps.length === 0,
    files,
    gaps,
  });
  const file = (path: string, format: string, items: number) => ({
    path,
    format,
    items,
    bytes: 10,
    sha256: 'x',
  });

  it('names a source that was never collected, and a gap the collect recorded', async () => {
    const none = await caseWith(
      'sources:\n  - { name: am, type: alertmanager, url: "http://am:9093" }\n',
    );
    const a = await resolveInputs([none]);
    expect(a.specs).toEqual([]);
    expect(a.diagnostics.map((d) => d.ruleId)).toEqual(['collect/not-collected']);
    const gap = await caseWith(
      'sources:\n  - { name: am, type: alertmanager, url: "http://am:9093" }\n',
      {
        version: 1,
        sources: { am: entry([], [{ message: 'HTTP 401 unauthorized' }]) },
      },
    );
    const b = await resolveInputs([gap]);
    expect(b.diagnostics.map((d) => [d.ruleId, d.message])).toEqual([
      ['collect/gap', 'am (alertmanager): HTTP 401 unauthorized'],
    ]);
  });

  it('reads each non-empty file with its format; metric files go to metrics; an absolute file path stays absolute', async () => {
    const log = join(dir, 'outside.log');
    await writeFile(log, '2026-11-22T19:40:00Z hello\n');
    const caseDir = await caseWith(
      `sources:\n  - { name: am, type: alertmanager, url: "http://am:9093" }\n  - { name: prom, type: prometheus, url: "http://p:9090", queries: [{ name: q, expr: up }] }\n  - { name: outside, path: ${log} }\n`,
      {
        version: 1,
        sources: {
          am: entry([file('alerts.jsonl', 'alertmanager', 3), file('silences.jsonl', 'json', 0)]),
          prom: {
            ...entry([
              file('q.json', 'prometheus-matrix', 40),
              file('alerts.jsonl', 'alertmanager', 2),
            ]),
            type: 'prometheus',
          },
        },
      },
    );
    const r = await resolveInputs([caseDir]);
    expect(r.diagnostics).toEqual([]);
    expect(r.specs.map((s) => [s.name, s.format, s.path])).toEqual([
      ['outside', undefined, log],
      // Names come from the files collected, so an empty one does not rename its sibling.
      ['am/alerts', 'alertmanager', join(caseDir, 'evidence/am/alerts.jsonl')],
      ['prom/alerts', 'alertmanager', join(caseDir, 'evidence/prom/alerts.jsonl')],
    ]);
    expect(r.metrics).toEqual([{ source: 'prom', path: join(caseDir, 'evidence/prom/q.json') }]);
  });
});
