/** `aftermath insights` in-process over a generated SQLite archive whose answers are known. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Output } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { runInsights, type InsightsContext } from '../src/cli/commands/insights.js';
import { UsageError } from '../src/errors.js';
import { loadSample, SAMPLE_ARCHIVED, SAMPLE_NOW } from '../src/insights/fake-archive.js';
import type { Insights } from '../src/insights/types.js';
import { openStore } from '../src/store/open-store.js';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aftermath-insights-cli-'));
  db = join(dir, 'archive.db');
  const store = await openStore({ db, now: () => SAMPLE_ARCHIVED });
  await loadSample(store);
  await store.close();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function ctx(): InsightsContext & { out: Output; text: () => string } {
  const chunks: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c.toString()));
  return {
    out: new Output(stream),
    cwd: dir,
    env: {},
    now: SAMPLE_NOW,
    text: () => chunks.join(''),
  };
}

describe('aftermath insights', () => {
  it('prints the report by service with durations in hours and minutes', async () => {
    const c = ctx();
    expect(await runInsights({ db }, c)).toBe(0);
    const text = c.text();
    expect(text).toContain(
      'Insights over 8 postmortem(s): 6.0 h of impact (1 without a start and end)',
    );
    expect(text).toMatch(/^payments\s+3\s+3\.5\s/m);
    expect(text).toMatch(/^all\s+8\s+6\.0\s+7m\s+20m\s+/m);
    expect(text).toContain('PM-4 repeats PM-1 (score 1.00): factors 1.00');
    expect(text).toContain('Past due (2): by owner @alice 1, @bob 1; by service checkout 2');
    expect(text).toMatch(/^Never reviewed \(2\)\n {2}PM-5 {2}\S.*\n {2}PM-7 {2}\S/m);
  });

  it('answers JSON for dashboards, grouped and filtered as asked', async () => {
    const c = ctx();
    expect(await runInsights({ db: 'archive.db', by: 'month', since: '90d', json: true }, c)).toBe(
      0,
    );
    const r = JSON.parse(c.text()) as Insights;
    expect(r.by).toBe('month');
    // 90 days before 2026-06-15 12:00 is 2026-03-17: PM-4 to PM-7, and undated PM-8 archived on 06-14.
    expect(r.since).toBe('2026-03-17T12:00:00.000Z');
    expect(r.total.incidents).toBe(5);
    expect(r.groups.map((g) => g.key)).toEqual(['(undated)', '2026-04', '2026-05', '2026-06']);
    expect(r.actions.overdue.map((o) => `${o.postmortemId}/${o.key}`)).toEqual(['PM-4/A1']);
  });

  it('reads the archive from AFTERMATH_DB', async () => {
    const c = { ...ctx(), env: { AFTERMATH_DB: db } };
    await runInsights({ by: 'severity', json: true }, c);
    const r = JSON.parse(c.text()) as Insights;
    expect(r.groups[0]).toMatchObject({ key: 'SEV2', incidents: 3 });
  });

  it('reports an empty archive as empty, with a hint', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const c = ctx();
    expect(await runInsights({ db: join(dir, 'empty.db') }, c)).toBe(0);
    expect(c.text()).toContain('Insights over 0 postmortem(s)');
    expect(String(err.mock.calls[0]?.[0])).toMatch(
      /is empty; add postmortems with: aftermath archive add/,
    );
    err.mockRestore();
  });

  it('rejects a bad --by or --since with one line', async () => {
    await expect(runInsights({ db, by: 'team' }, ctx())).rejects.toThrow(
      new UsageError('--by: expected one of service, severity, month, got "team"'),
    );
    await expect(runInsights({ db, since: 'whenever' }, ctx())).rejects.toThrow(
      /--since: expected/,
    );
  });

  it('has help with examples, through the command line', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main(['insights', '--help'])).toBe(0);
    const help = out.mock.calls.map((x) => String(x[0])).join('');
    out.mockRestore();
    expect(help).toContain('--by <group>');
    expect(help).toContain('aftermath insights --by month --since 180d');
  });
});
