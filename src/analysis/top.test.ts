import { describe, expect, it } from 'vitest';
import { routeOf, TopK } from './top.js';

describe('TopK', () => {
  it('counts exactly while under capacity', () => {
    const t = new TopK(10);
    for (const v of ['a', 'b', 'a', 'c', 'a', 'b']) t.add(v);
    expect(t.top(2)).toEqual([
      { value: 'a', count: 3, error: 0 },
      { value: 'b', count: 2, error: 0 },
    ]);
  });

  it('keeps the heavy hitters when values outnumber its capacity', () => {
    const t = new TopK(50);
    for (let i = 0; i < 10_000; i++) t.add(i % 10 === 0 ? 'hot' : `cold-${i}`);
    expect(t.top(1)[0]!.value).toBe('hot');
    expect(t.total).toBe(10_000);
  });
});

describe('routeOf', () => {
  it('folds ids and drops the query', () => {
    expect(routeOf('/api/orders/42268?x=1')).toBe('/api/orders/:id');
    expect(routeOf('/u/3f2a9c1e-8a7b-4c1d-9e2f-0a1b2c3d4e5f/avatar')).toBe('/u/:id/avatar');
    expect(routeOf('/api/products')).toBe('/api/products');
  });
});
