import { describe, expect, it } from 'vitest';
import type { ArchivedPostmortem } from '../store/store.js';
import { findRepeats } from './repeats.js';
import { cosine, normaliseWords, overlap, tfidfVectors } from './similarity.js';
import { median, percentile } from './stats.js';

const pm = (
  id: string,
  startedMs: number,
  services: string[],
  factors: string[],
): ArchivedPostmortem =>
  ({
    id,
    title: id,
    startedMs,
    services,
    tags: [],
    factors: factors.map((text) => ({ text })),
    actionItems: [],
    archivedAt: 0,
    frontMatter: {},
    analysis: {},
  }) as unknown as ArchivedPostmortem;

describe('similarity', () => {
  it('normalises words: case, accents, stop words, plurals', () => {
    expect(normaliseWords('The Timeouts of the Café cache were TOO short')).toEqual([
      'timeout',
      'cafe',
      'cache',
      'short',
    ]);
  });

  it('scores identical texts 1, disjoint texts 0, and names the shared words', () => {
    const [a, b, c] = tfidfVectors([
      normaliseWords('retry storm on the queue'),
      normaliseWords('retry storm on the queue'),
      normaliseWords('certificate expired'),
    ]);
    expect(cosine(a!, b!).score).toBe(1);
    expect(cosine(a!, c!)).toEqual({ score: 0, words: [] });
    expect(cosine(a!, b!).words.sort()).toEqual(['queue', 'retry', 'storm']);
  });

  it('measures set overlap case-insensitively', () => {
    expect(overlap(['Checkout', 'search'], ['checkout'])).toEqual({
      score: 0.5,
      shared: ['Checkout'],
    });
    expect(overlap([], [])).toEqual({ score: 0, shared: [] });
  });

  it('needs a shared service and alike factors for a repeat', () => {
    const text = 'Connection pool exhausted by a retry storm';
    const r = findRepeats([
      pm('a', 1, ['checkout'], [text]),
      pm('b', 2, ['search'], [text]), // same factors, other service
      pm('c', 3, ['checkout'], ['Certificate expired on the load balancer']), // same service, other cause
      pm('d', 4, ['checkout'], [text]),
    ]);
    expect(r.map((x) => [x.id, x.similar.map((s) => s.id)])).toEqual([['d', ['a']]]);
  });

  it('takes the middle value and the nearest-rank p90', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([5], 90)).toBe(5);
    expect(median([])).toBeNull();
  });
});
