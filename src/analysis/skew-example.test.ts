import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../core/event.js';
import { openTimeline } from '../ingest/timeline.js';
import { SkewEstimator } from './skew.js';

const example = fileURLToPath(new URL('../../examples/pool-exhaustion', import.meta.url));

/** The example incident through the estimator, `shift` applied to events as they pass. */
async function estimate(shift: (e: LogEvent) => LogEvent = (e) => e): Promise<SkewEstimator> {
  const skew = new SkewEstimator();
  const timeline = await openTimeline([example]);
  for await (const batch of timeline.events) for (const e of batch) skew.add(shift(e));
  return skew;
}

describe('skew on the recorded pool-exhaustion incident', () => {
  it('finds no skew: every clock there is right', async () => {
    const skew = await estimate();
    expect(skew.findings()).toEqual([]);
    const ids = skew.estimates().find((e) => e.method === 'request-id')!;
    expect(ids).toMatchObject({ source: 'app', reference: 'nginx', pairs: 15_601 });
    expect(Math.abs(ids.offsetSeconds)).toBeLessThan(0.1);
    expect(ids.consistentAtZero).toBeGreaterThan(0.99);
    // nginx's error log is the one zone-less source; its activity fits best unshifted.
    const zone = skew.estimates().find((e) => e.source === 'nginx-error')!;
    expect(zone).toMatchObject({ method: 'local-time', offsetSeconds: 0, reported: false });
  });

  it('finds the app 5 s ahead when its events are shifted by +5 s', async () => {
    // Shifted in place, not re-sorted: the estimator does not rely on order within its caps.
    const skew = await estimate((e) => (e.source === 'app' ? { ...e, ts: e.ts + 5000 } : e));
    const [f, ...rest] = skew.findings();
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ source: 'app', reference: 'nginx', method: 'request-id' });
    expect(f!.offsetSeconds).toBeGreaterThan(4.75);
    expect(f!.offsetSeconds).toBeLessThan(5.25);
    expect(f!.confidence).toBeGreaterThan(0.9);
  });
});
