/** The packed message store: what goes in comes out, and its scan finds exactly what a naive search finds. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_MESSAGE_BYTES,
  MessageStore,
  parseMatcher,
  type MessageMatcher,
} from './message-store.js';

function storeOf(messages: string[]): MessageStore {
  const store = new MessageStore();
  for (const m of messages) store.add(m);
  store.seal();
  return store;
}

function hits(store: MessageStore, q: string, from = 0, to = store.size): number[] {
  const out: number[] = [];
  store.scan(parseMatcher(q) as MessageMatcher, from, to, (i) => {
    out.push(i);
    return true;
  });
  return out;
}

describe('MessageStore', () => {
  it('returns each message as added, newlines flattened and long ones cut', () => {
    const long = 'x'.repeat(MAX_MESSAGE_BYTES + 50);
    const store = storeOf(['GET /a 200', 'two\nlines', 'ünïcødé ✓', long, '']);
    expect(store.get(0)).toBe('GET /a 200');
    expect(store.get(1)).toBe('two lines');
    expect(store.get(2)).toBe('ünïcødé ✓');
    expect(store.get(3)).toHaveLength(MAX_MESSAGE_BYTES);
    expect(store.get(4)).toBe('');
  });

  it('finds substrings case-insensitively, once per message, within the range asked', () => {
    const store = storeOf([
      'Pool exhausted',
      'ok',
      'POOL pool',
      'remaining connection slots',
      'pool',
    ]);
    expect(hits(store, 'pool')).toEqual([0, 2, 4]);
    expect(hits(store, 'POOL', 1, 4)).toEqual([2]);
    expect(hits(store, 'slots')).toEqual([3]);
    // A needle never matches across the boundary between two messages.
    expect(hits(store, 'okpool')).toEqual([]);
  });

  it('matches regular expressions, and refuses bad ones with a message', () => {
    const store = storeOf(['GET / 503', 'GET / 200', 'POST / 502']);
    expect(hits(store, '/5\\d\\d$/')).toEqual([0, 2]);
    expect(hits(store, '/^post/')).toEqual([2]);
    expect(parseMatcher('/(/')).toMatch(/not a valid regular expression/);
    expect(parseMatcher('/a/g')).toMatch(/flags may be i, m and s/);
  });

  it('spans chunks: messages past the first 8 MiB are stored and found', () => {
    const store = new MessageStore();
    const line = 'y'.repeat(1500);
    const n = Math.ceil((9 * 2 ** 20) / 1501);
    for (let i = 0; i < n; i++) store.add(i === n - 2 ? `${line} needle` : line);
    store.seal();
    expect(hits(store, 'NEEDLE')).toEqual([n - 2]);
    expect(store.get(n - 1)).toBe(line);
  });

  it('agrees with a naive search (property)', () => {
    const word = fc.constantFrom('pool', 'Pool', 'GET', 'x', 'é', 'ok ', '5', '03');
    fc.assert(
      fc.property(
        fc.array(
          fc.array(word, { maxLength: 6 }).map((w) => w.join('')),
          { maxLength: 40 },
        ),
        word,
        (messages, needle) => {
          const store = storeOf(messages);
          const expected = messages
            .map((m, i) => (m.toLowerCase().includes(needle.toLowerCase()) ? i : -1))
            .filter((i) => i >= 0);
          expect(hits(store, needle)).toEqual(expected);
        },
      ),
    );
  });
});
