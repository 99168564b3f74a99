import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../core/event.js';
import { SkewEstimator, skewCorrections, type SkewFinding } from './skew.js';

/** Deterministic PRNG for the synthetic traffic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Scenario {
  requests?: number;
  /** How far ahead the app's clock is (ms); a zone offset when `appZoned` is false. */
  appOffsetMs?: number;
  appZoned?: boolean;
  nginxOffsetMs?: number;
  nginxZoned?: boolean;
  /** Whether the lines carry request ids. */
  ids?: boolean;
  /** When the app logs: at completion (pino-http), at start, or both. */
  appLogsAt?: 'end' | 'start' | 'both';
  maxLatencyMs?: number;
  seed?: number;
}

const START = Date.UTC(2026, 10, 22, 19, 30);

function event(
  source: string,
  ts: number,
  zoned: boolean,
  line: number,
  attrs: LogEvent['attrs'],
): LogEvent {
  const status = attrs.status ?? 200;
  return {
    ts,
    tsText: new Date(ts).toISOString(),
    zoned,
    source,
    file: `${source}.log`,
    line,
    offset: 0,
    level: status >= 500 ? 'error' : 'info',
    message: source === 'nginx' ? `"GET /api" ${status}` : 'request completed',
    attrs,
    raw: '',
    format: source === 'nginx' ? 'access' : 'json',
  };
}

/**
 * nginx access lines (1 s resolution, truncated, written at completion, latencyMs =
 * $request_time) and app lines (ms resolution) for the same requests, in timeline order.
 * Traffic varies minute to minute with an error burst, so activity has a shape.
 */
function scenario(s: Scenario = {}): LogEvent[] {
  const random = rng(s.seed ?? 7);
  const n = s.requests ?? 3000;
  const maxLatency = s.maxLatencyMs ?? 5000;
  const out: LogEvent[] = [];
  let t = START;
  for (let i = 0; i < n; i++) {
    const minute = Math.floor((t - START) / 60_000);
    // Busy and quiet minutes, deterministic per minute.
    const rate = 2 + 40 * rng(minute + 1)();
    t += (-Math.log(1 - random()) * 60_000) / rate;
    const latency = random() < 0.8 ? 2 + random() * 200 : 200 + random() * (maxLatency - 200);
    const L = Math.round(latency);
    const end = t + L;
    const status = minute % 7 === 3 && random() < 0.5 ? 502 : 200;
    const id = s.ids === false ? undefined : `req${String(i).padStart(8, '0')}`;
    const nginxAttrs: LogEvent['attrs'] = { status, latencyMs: L };
    if (id) nginxAttrs.requestId = id;
    const nginxTs = Math.floor((end + (s.nginxOffsetMs ?? 0)) / 1000) * 1000;
    out.push(event('nginx', nginxTs, s.nginxZoned ?? true, i + 1, nginxAttrs));
    const at = s.appLogsAt ?? 'end';
    const appTimes: [number, boolean][] = [];
    if (at !== 'end') appTimes.push([t + 0.3 + random() * 2, false]);
    if (at !== 'start') appTimes.push([end - 0.5 - random() * 3, true]);
    for (const [when, done] of appTimes) {
      const appAttrs: LogEvent['attrs'] = { status };
      if (done) appAttrs.latencyMs = Math.max(0, L - 3);
      if (id) appAttrs.requestId = id;
      const ts = Math.floor(when + (s.appOffsetMs ?? 0));
      out.push(event('app', ts, s.appZoned ?? true, out.length + 1, appAttrs));
    }
  }
  return out.sort((a, b) => a.ts - b.ts);
}

function run(events: LogEvent[], options?: ConstructorParameters<typeof SkewEstimator>[0]) {
  const skew = new SkewEstimator(options);
  for (const e of events) skew.add(e);
  return skew;
}

const only = (fs: SkewFinding[]) => {
  expect(fs).toHaveLength(1);
  return fs[0]!;
};

describe('SkewEstimator: request ids', () => {
  it('finds nothing when clocks agree, with 1 s truncation and latencies up to 8 s', () => {
    for (const appLogsAt of ['end', 'start', 'both'] as const) {
      const skew = run(scenario({ appLogsAt, maxLatencyMs: 8000 }));
      expect(skew.findings()).toEqual([]);
      const e = skew.estimates().find((x) => x.method === 'request-id')!;
      expect(e.source).toBe('app');
      expect(e.reference).toBe('nginx');
      expect(Math.abs(e.offsetSeconds)).toBeLessThan(0.1);
      expect(e.consistentAtZero).toBeGreaterThan(0.98);
    }
  });

  it('finds an app clock 2.0 s ahead', () => {
    const skew = run(scenario({ appOffsetMs: 2000 }));
    const f = only(skew.findings());
    expect(f).toMatchObject({ source: 'app', reference: 'nginx', method: 'request-id' });
    expect(f.offsetSeconds).toBeGreaterThan(1.75);
    expect(f.offsetSeconds).toBeLessThan(2.25);
    expect(f.confidence).toBeGreaterThan(0.9);
    expect(f.pairs).toBe(3000);
    expect(f.evidence.length).toBeGreaterThanOrEqual(2);
    expect(f.detail).toMatch(/^app is 2\.0 s ahead of nginx: 3,000 requests matched/);
    expect(skewCorrections([f]).get('app')).toBeCloseTo(-f.offsetSeconds * 1000);
  });

  it('finds an app clock 3.5 s behind, whether it logs at start or end', () => {
    for (const appLogsAt of ['end', 'start'] as const) {
      const f = only(run(scenario({ appOffsetMs: -3500, appLogsAt })).findings());
      expect(f.method).toBe('request-id');
      expect(f.offsetSeconds).toBeGreaterThan(-3.75);
      expect(f.offsetSeconds).toBeLessThan(-3.25);
      expect(f.detail).toMatch(/behind nginx/);
    }
  });

  it('recovers offsets from −10 s to +12 s within 0.25 s, finding each one', () => {
    for (const offset of [-9.7, -1.2, -0.5, 0.3, 0.6, 4.4, 12.5]) {
      const fs = run(scenario({ requests: 1000, appOffsetMs: offset * 1000, seed: 11 })).findings();
      const f = only(fs);
      expect(Math.abs(f.offsetSeconds - offset)).toBeLessThan(0.25);
    }
  });

  it('tolerates a few outliers (ids reused, lines written late)', () => {
    const events = scenario({ appOffsetMs: 2000 });
    // 1% of app lines 30 s late.
    let k = 0;
    for (const e of events) if (e.source === 'app' && k++ % 100 === 0) e.ts += 30_000;
    const f = only(run(events).findings());
    expect(f.offsetSeconds).toBeGreaterThan(1.75);
    expect(f.offsetSeconds).toBeLessThan(2.25);
  });

  it('gives few pairs a low-confidence causality finding, a lower bound only', () => {
    const f = only(run(scenario({ requests: 4, appOffsetMs: 2000 })).findings());
    expect(f.method).toBe('causality');
    expect(f.pairs).toBe(4);
    expect(f.confidence).toBeLessThan(0.5);
    expect(f.offsetSeconds).toBeGreaterThan(0.1);
    expect(f.offsetSeconds).toBeLessThanOrEqual(2.01);
    expect(skewCorrections([f]).size).toBe(0);
  });

  it('makes no request-id finding without ids', () => {
    const skew = run(scenario({ ids: false, appOffsetMs: 2000 }));
    expect(skew.findings()).toEqual([]);
    expect(skew.estimates().filter((e) => e.method !== 'local-time')).toEqual([]);
    expect(skew.stats().pairs).toBe(0);
  });

  it('keeps memory bounded: 1e6 unmatched ids stay under the cap and evictions are counted', () => {
    const skew = new SkewEstimator({ maxPending: 10_000 });
    const base = event('a', START, true, 1, {});
    for (let i = 0; i < 1_000_000; i++) {
      const source = i % 2 === 0 ? 'a' : 'b';
      skew.add({
        ...base,
        source,
        ts: START + i,
        line: i + 1,
        attrs: { requestId: `id-${String(i).padStart(7, '0')}` },
      });
    }
    const stats = skew.stats();
    expect(stats.pending).toBe(20_000);
    expect(stats.evicted).toBe(1_000_000 - 20_000);
    expect(stats.evictedUnmatched).toBe(stats.evicted);
    expect(stats.pairs).toBe(0);
    expect(skew.findings()).toEqual([]);
  });
});

describe('SkewEstimator: local time', () => {
  it('finds a zone-less app source written in local time 2 h ahead, through request ids', () => {
    const skew = run(scenario({ appOffsetMs: 7_200_000, appZoned: false }));
    const f = only(skew.findings());
    expect(f).toMatchObject({
      source: 'app',
      reference: 'nginx',
      method: 'local-time',
      offsetSeconds: 7200,
    });
    expect(f.confidence).toBeGreaterThan(0.9);
    expect(f.detail).toMatch(/activity agrees/);
    expect(skewCorrections([f]).get('app')).toBe(-7_200_000);
  });

  it('finds it from per-minute activity alone when there are no ids', () => {
    const skew = run(scenario({ ids: false, appOffsetMs: 7_200_000, appZoned: false }));
    const f = only(skew.findings());
    expect(f).toMatchObject({ source: 'app', method: 'local-time', offsetSeconds: 7200 });
    expect(f.confidence).toBeGreaterThan(0.5);
    expect(f.evidence).toHaveLength(2);
  });

  it('finds −5 h 30 min, a half-hour zone', () => {
    const skew = run(scenario({ ids: false, appOffsetMs: -19_800_000, appZoned: false }));
    expect(only(skew.findings()).offsetSeconds).toBe(-19_800);
  });

  it('blames the zone-less side when it is the proxy, and keeps a clock error apart', () => {
    const skew = run(scenario({ nginxOffsetMs: -3_600_000, nginxZoned: false, appOffsetMs: 2000 }));
    const fs = skew.findings();
    const zone = fs.find((f) => f.method === 'local-time')!;
    expect(zone).toMatchObject({ source: 'nginx', reference: 'app', offsetSeconds: -3600 });
    const clock = fs.find((f) => f.method === 'request-id')!;
    expect(clock.source).toBe('nginx');
    expect(clock.offsetSeconds).toBeGreaterThan(-2.25);
    expect(clock.offsetSeconds).toBeLessThan(-1.75);
    const fix = skewCorrections(fs);
    expect(fix.get('nginx')! / 1000).toBeCloseTo(3600 + -clock.offsetSeconds, 3);
  });

  it('leaves a zone-less source in the right zone alone', () => {
    const skew = run(scenario({ ids: false, appZoned: false }));
    expect(skew.findings()).toEqual([]);
    const e = skew.estimates().find((x) => x.source === 'app')!;
    expect(e.method).toBe('local-time');
    expect(e.offsetSeconds).toBe(0);
  });
});

describe('skewCorrections', () => {
  const f = (source: string, reference: string, offsetSeconds: number, method = 'request-id') =>
    ({
      source,
      reference,
      offsetSeconds,
      confidence: 0.9,
      method,
      evidence: [],
      detail: '',
    }) as SkewFinding;

  it('chains corrections through corrected references and adds zone and clock', () => {
    const fix = skewCorrections([
      f('app', 'nginx', 2),
      f('nginx', 'lb', -1),
      f('worker', 'app', 0.5),
      f('worker', 'postgres', 3600, 'local-time'),
    ]);
    expect(fix.get('nginx')).toBe(1000);
    expect(fix.get('app')).toBe(-2000 + 1000);
    expect(fix.get('worker')).toBe(-500 - 1000 - 3_600_000);
    expect(fix.has('lb')).toBe(false);
  });

  it('keeps the most confident clock finding per source and skips weak ones', () => {
    const weak = { ...f('app', 'nginx', 9), confidence: 0.2 };
    const strong = f('app', 'edge', 2);
    const other = { ...f('app', 'nginx', 3), confidence: 0.6 };
    expect(skewCorrections([weak, other, strong]).get('app')).toBe(-2000);
  });

  it('cuts cycles', () => {
    const fix = skewCorrections([f('a', 'b', 1), f('b', 'a', -1)]);
    expect(fix.size).toBe(2);
  });
});
