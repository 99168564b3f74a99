/**
 * Slow queries from PostgreSQL `duration:` lines: the first one over the threshold is a moment,
 * the slowest are listed longest first, each pointing at its line.
 */
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../src/core/event.js';
import { Evidence, SECOND, analyze, at, momentsOf, ref } from './synthetic.js';

const t0 = at('2026-07-05T08:00:00Z');
const SLOW = 'SELECT order_id FROM order_events WHERE customer_email = $1';

describe('slow queries', () => {
  const ev = new Evidence(91);
  const lines: LogEvent[] = [];
  // 200 fast statements, then 30 slow ones growing from 1.1 s to 4 s, among fast ones.
  for (let i = 0; i < 200; i++)
    lines.push(ev.pgDuration(t0 + i * SECOND, 200 + ev.rng.int(0, 500), 'SELECT 1'));
  const slow: LogEvent[] = [];
  for (let i = 0; i < 30; i++) {
    const e = ev.pgDuration(t0 + (200 + i) * SECOND + 500, 1100 + i * 100, SLOW);
    slow.push(e);
    lines.push(e);
  }
  const analysis = analyze(ev.build());

  it('reports the first query over 1 s as a moment, with the count', () => {
    const m = momentsOf(analysis, 'slow_query');
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({
      ts: slow[0]!.ts,
      source: 'postgres',
      data: { durationMs: 1100, count: 30 },
    });
    expect(m[0]!.evidence).toEqual([ref(slow[0]!)]);
  });

  it('lists the ten slowest, longest first, with their lines', () => {
    expect(analysis.slowQueries.map((q) => q.durationMs)).toEqual(
      slow
        .map((e) => e.attrs.durationMs as number)
        .sort((a, b) => b - a)
        .slice(0, 10),
    );
    const top = analysis.slowQueries[0]!;
    expect(top).toMatchObject({ ...ref(slow[29]!), statement: SLOW, ts: slow[29]!.ts });
  });

  it('takes the threshold from the options', () => {
    const a = analyze(ev.build(), { slowQueryMs: 3500 });
    expect(momentsOf(a, 'slow_query')[0]?.evidence).toEqual([ref(slow[24]!)]);
    expect(a.slowQueries).toHaveLength(6);
  });
});
