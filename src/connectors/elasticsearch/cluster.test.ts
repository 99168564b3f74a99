import { describe, expect, it } from 'vitest';
import { atLeast, planFor } from './cluster.js';
import { hitLine, valueAt } from './hit.js';
import { userClause } from './query.js';

describe('planFor', () => {
  it('uses PIT and _shard_doc where each engine version has them', () => {
    const plan = (flavor: 'elasticsearch' | 'opensearch', version?: string) =>
      planFor({ flavor, version });
    expect(plan('elasticsearch', '8.15.0')).toEqual({
      pit: 'elasticsearch',
      tiebreak: '_shard_doc',
    });
    expect(plan('elasticsearch', '7.11.2')).toEqual({ pit: 'elasticsearch', tiebreak: '_id' });
    expect(plan('elasticsearch', '7.9.3')).toEqual({ pit: undefined, tiebreak: '_id' });
    expect(plan('elasticsearch')).toEqual({ pit: 'elasticsearch', tiebreak: '_shard_doc' });
    expect(plan('opensearch', '2.3.0')).toEqual({ pit: undefined, tiebreak: '_id' });
    expect(plan('opensearch', '2.4.0')).toEqual({ pit: 'opensearch', tiebreak: '_id' });
    expect(plan('opensearch', '3.3.1')).toEqual({ pit: 'opensearch', tiebreak: '_shard_doc' });
    expect(plan('opensearch')).toEqual({ pit: 'opensearch', tiebreak: '_id' });
    expect(atLeast('10.0.0', 7, 12)).toBe(true);
    expect(atLeast('garbage', 7, 12)).toBe(false);
  });
});

describe('hit lines', () => {
  it('finds a dotted field nested or flat', () => {
    expect(valueAt({ event: { created: 'x' } }, 'event.created')).toBe('x');
    expect(valueAt({ 'event.created': 'y' }, 'event.created')).toBe('y');
    expect(valueAt({ event: 'z' }, 'event.created')).toBeUndefined();
  });

  it('keeps _index/_id and falls back to the sort value when _source has no time', () => {
    const line = JSON.parse(
      hitLine(
        { _index: 'i', _id: 'd', _source: { message: 'm' }, sort: [1795376442000, 4] },
        '@timestamp',
      ).text,
    );
    expect(line).toEqual({
      message: 'm',
      '@timestamp': '2026-11-22T19:40:42.000Z',
      _index: 'i',
      _id: 'd',
    });
  });

  it('shortens a document with too many large fields down to what places it', () => {
    const source: Record<string, string> = { '@timestamp': '2026-11-22T19:40:42Z', message: 'm' };
    for (let i = 0; i < 200; i++) source[`f${i}`] = 'v'.repeat(9000);
    const out = hitLine({ _index: 'i', _id: 'd', _source: source }, '@timestamp');
    expect(out.cutFrom).toBeGreaterThan(1_800_000);
    expect(JSON.parse(out.text)).toEqual({
      '@timestamp': '2026-11-22T19:40:42Z',
      message: 'm',
      _index: 'i',
      _id: 'd',
      'aftermath.truncated': out.cutFrom,
    });
  });
});

describe('userClause', () => {
  it('wraps a query string, passes a clause and unwraps a pasted {query}', () => {
    expect(userClause('a:b')).toEqual({ query_string: { query: 'a:b' } });
    expect(userClause({ term: { a: 'b' } })).toEqual({ term: { a: 'b' } });
    expect(userClause({ query: { term: { a: 'b' } } })).toEqual({ term: { a: 'b' } });
    expect(userClause(undefined)).toBeUndefined();
  });
});
