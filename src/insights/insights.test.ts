import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store.js';
import type { ArchivedPostmortem, Store } from '../store/store.js';
import { exportAll, loadSample, SAMPLE_ARCHIVED, SAMPLE_NOW } from './fake-archive.js';
import { computeInsights } from './insights.js';
import { insightsText } from './text.js';

const MIN = 60_000;
const DAY = 86_400_000;

describe('computeInsights on a generated archive with known answers', () => {
  let store: Store;
  let all: ArchivedPostmortem[];
  beforeAll(async () => {
    store = await openStore({ db: ':memory:', now: () => SAMPLE_ARCHIVED });
    await loadSample(store);
    all = await exportAll(store);
  });
  afterAll(() => store?.close());

  it('counts incidents and hours of impact overall and by service', () => {
    const r = computeInsights(all, { by: 'service', now: SAMPLE_NOW });
    expect(r.total.incidents).toBe(8);
    expect(r.total.impactHours).toBe(6); // 60+30+120+45+15+40+50 min
    expect(r.total.withoutImpact).toBe(1); // PM-8 has no times
    expect(r.groups.map((g) => [g.key, g.incidents, g.impactHours])).toEqual([
      ['checkout', 3, 2.42],
      ['payments', 3, 3.5],
      ['search', 3, 0.75],
    ]);
    const checkout = r.groups[0]!;
    expect(checkout.mttx.mttr).toEqual({ count: 3, medianMs: 45 * MIN, p90Ms: 60 * MIN });
    expect(r.total.mttx.mttr).toEqual({ count: 7, medianMs: 45 * MIN, p90Ms: 120 * MIN });
    expect(r.total.mttx.mttd).toEqual({ count: 6, medianMs: 7 * MIN, p90Ms: 20 * MIN });
  });

  it('groups by severity and by month (undated ones apart)', () => {
    const sev = computeInsights(all, { by: 'severity', now: SAMPLE_NOW });
    expect(sev.groups.map((g) => [g.key, g.incidents])).toEqual([
      ['SEV2', 3],
      ['SEV1', 2],
      ['SEV3', 2],
      ['SEV4', 1],
    ]);
    const month = computeInsights(all, { by: 'month', now: SAMPLE_NOW });
    expect(month.groups.map((g) => [g.key, g.incidents])).toEqual([
      ['(undated)', 1],
      ['2026-01', 1],
      ['2026-02', 1],
      ['2026-03', 1],
      ['2026-04', 1],
      ['2026-05', 1],
      ['2026-06', 2],
    ]);
    expect(month.months.map((m) => m.key)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(month.months[5]!.impactHours).toBe(1.5);
  });

  it('compares the last three months with the three before', () => {
    const { trends } = computeInsights(all, { now: SAMPLE_NOW });
    expect(trends.mttr).toEqual({
      recentMedianMs: 42.5 * MIN, // 15, 40, 45, 50
      previousMedianMs: 60 * MIN, // 30, 60, 120
      recentCount: 4,
      previousCount: 3,
      ratio: 0.708,
      direction: 'better',
    });
    expect([trends.mttd.ratio, trends.mtta.ratio, trends.mttm.ratio]).toEqual([0.6, 0.6, 0.5]);
    // A year later both windows are empty.
    const later = computeInsights(all, { now: SAMPLE_NOW + 365 * DAY });
    expect(later.trends.mttr.direction).toBe('unknown');
  });

  it('ranks factor categories and tags', () => {
    const r = computeInsights(all, { now: SAMPLE_NOW });
    expect(r.factorCategories).toEqual([
      { key: 'tools', postmortems: 4, factors: 4 },
      { key: 'process', postmortems: 3, factors: 3 },
      { key: 'environment', postmortems: 1, factors: 1 },
      { key: 'measurement', postmortems: 1, factors: 1 },
    ]);
    expect(r.uncategorisedFactors).toBe(1);
    expect(r.tags).toEqual([
      { key: 'database', postmortems: 3 },
      { key: 'deploy', postmortems: 2 },
      { key: 'dns', postmortems: 1 },
    ]);
  });

  it('finds the repeat incidents and says why', () => {
    const r = computeInsights(all, { now: SAMPLE_NOW });
    expect(r.repeats.map((x) => [x.id, x.similar.map((s) => s.id)])).toEqual([
      ['PM-6', ['PM-1', 'PM-4']],
      ['PM-4', ['PM-1']],
    ]);
    const pm4 = r.repeats[1]!.similar[0]!;
    expect(pm4).toMatchObject({
      score: 1,
      factorSimilarity: 1,
      sharedServices: ['checkout'],
      sharedTags: ['database'],
    });
    const pm6 = r.repeats[0]!.similar[0]!;
    expect(pm6.sharedServices).toEqual(['checkout']);
    expect(pm6.sharedTags).toEqual(['database']);
    expect(pm6.sharedWords).toEqual(expect.arrayContaining(['pool', 'connection', 'ten']));
    expect(pm6.factorSimilarity).toBeGreaterThanOrEqual(0.3);
    expect(pm6.score).toBeLessThan(1);
  });

  it('rates action items from their status history', () => {
    const { actions } = computeInsights(all, { now: SAMPLE_NOW });
    expect(actions).toMatchObject({ total: 8, done: 3, wontDo: 1, open: 4, completionRate: 0.429 });
    // Closed 2, 4 and 1 days after the resolution.
    expect(actions.timeToClose).toEqual({ count: 3, medianMs: 2 * DAY, p90Ms: 4 * DAY });
    expect(actions.overdue.map((o) => [o.postmortemId, o.key, o.owner, o.daysOverdue])).toEqual([
      ['PM-1', 'A2', '@bob', 134],
      ['PM-4', 'A1', '@alice', 45],
    ]);
    expect(actions.overdueByService).toEqual([{ key: 'checkout', postmortems: 2 }]);
  });

  it('lists drafts and postmortems nobody has reviewed', () => {
    const { review } = computeInsights(all, { now: SAMPLE_NOW });
    expect(review.drafts.map((p) => p.id)).toEqual(['PM-5', 'PM-6']);
    // PM-4 names a reviewer, PM-6's meeting has passed, PM-7's is still ahead.
    expect(review.neverReviewed.map((p) => p.id)).toEqual(['PM-5', 'PM-7']);
  });

  it('keeps only incidents since a time', () => {
    const r = computeInsights(all, { now: SAMPLE_NOW, since: Date.UTC(2026, 3, 1) });
    // April on, plus PM-8, which is undated and so counts from when it was archived.
    expect(r.total.incidents).toBe(5);
    expect(r.repeats.map((x) => x.id)).toEqual(['PM-6']);
  });

  it('answers an empty archive with empty figures', () => {
    const r = computeInsights([], { now: SAMPLE_NOW });
    expect(r.total).toMatchObject({ incidents: 0, impactHours: 0, withoutImpact: 0 });
    expect(r.total.mttx.mttr).toEqual({ count: 0, medianMs: null, p90Ms: null });
    expect(r.actions.completionRate).toBeNull();
    expect(insightsText(r)).toContain('Insights over 0 postmortem(s)');
  });

  it('renders durations as hours and minutes in the terminal report', () => {
    const text = insightsText(computeInsights(all, { by: 'service', now: SAMPLE_NOW }));
    expect(text).toMatch(/^checkout\s+3\s+2\.4\s+8m\s+10m\s+12m\s+15m\s+30m\s+40m\s+45m\s+1h\s*$/m);
    expect(text).toContain('MTTR  43m vs 1h (better, ×0.708)');
    expect(text).toContain('PM-4 repeats PM-1 (score 1.00)');
    expect(text).toContain('completion 42.9%; time to close median 2d, p90 4d');
  });
});
