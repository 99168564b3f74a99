/**
 * Bad input, part 2: evidence that cannot answer some questions says so as gaps — a source whose
 * events all carry one level (no statuses either), requests without request ids.
 */
import { describe, expect, it } from 'vitest';
import { Evidence, MINUTE, SECOND, analyze, at } from './synthetic.js';

const t0 = at('2026-07-02T08:00:00Z');
const kinds = (a: ReturnType<typeof analyze>, source: string): string[] =>
  a.gaps.filter((g) => g.source === source).map((g) => g.kind);

describe('a source without levels', () => {
  it('reports no-levels when every event is info and none is a request', () => {
    const ev = new Evidence(61);
    for (let i = 0; i < 300; i++)
      ev.event({
        ts: t0 + i * SECOND,
        source: 'worker',
        format: 'generic',
        level: 'info',
        message: i % 7 === 0 ? `job ${i} failed: timeout` : `job ${i} done`,
      });
    const a = analyze(ev.build());
    expect(kinds(a, 'worker')).toEqual(['no-levels']);
    expect(a.gaps[0]!.message).toContain('info');
    // Its "failed" lines cannot be told from the rest: no error, no first_error.
    expect(a.sources[0]).toMatchObject({ errors: 0, levels: 1 });
    expect(a.moments.filter((m) => m.kind === 'first_error')).toEqual([]);
  });

  it('does not report it for a source that has levels, or logs requests', () => {
    const ev = new Evidence(62);
    for (let i = 0; i < 300; i++) ev.app(t0 + i * SECOND, i === 150 ? 'warn' : 'info', `tick ${i}`);
    ev.traffic(t0, t0 + 5 * MINUTE, 2, () => ({ status: 200, latencyMs: 10 }));
    const a = analyze(ev.build());
    expect(kinds(a, 'app')).toEqual([]);
    expect(kinds(a, 'nginx')).toEqual([]);
  });
});

describe('requests without request ids', () => {
  it('reports no-request-ids for the source that logs none, not for the one that does', () => {
    const ev = new Evidence(63);
    ev.traffic(t0, t0 + 5 * MINUTE, 5, () => ({ status: 200, latencyMs: 10, requestId: null }));
    ev.traffic(t0, t0 + 5 * MINUTE, 5, () => ({ status: 200, latencyMs: 12 }), 'edge');
    const a = analyze(ev.build());
    expect(kinds(a, 'nginx')).toEqual(['no-request-ids']);
    expect(kinds(a, 'edge')).toEqual([]);
    // A trace id serves as well as a request id.
    const traced = new Evidence(64);
    for (const e of traced.traffic(t0, t0 + MINUTE, 5, () => ({
      status: 200,
      latencyMs: 10,
      requestId: null,
    })))
      e.attrs.traceId = traced.rng.hex(32);
    expect(kinds(analyze(traced.build()), 'nginx')).toEqual([]);
  });
});
