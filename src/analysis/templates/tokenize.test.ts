import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashString } from './hash.js';
import { maskToken } from './mask.js';
import { Tokens, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('splits on any whitespace and keeps words as they are', () => {
    expect(tokenize('  Send worker\tleaving  thread ')).toEqual([
      'Send',
      'worker',
      'leaving',
      'thread',
    ]);
  });

  it('masks the values inside tokens', () => {
    expect(tokenize('Took 12ms on 10.0.0.1:80 for user=42')).toEqual([
      'Took',
      '<*>',
      'on',
      '<*>',
      'for',
      'user=<*>',
    ]);
  });

  it('masks a written date, names of days and months included', () => {
    expect(tokenize('connection at Sat Jul  9 22:53:22 2005 done')).toEqual([
      'connection',
      'at',
      '<*>',
      'done',
    ]);
    // Names with no number beside them are words.
    expect(tokenize('Sat night in May')).toEqual(['Sat', 'night', 'in', 'May']);
  });

  it('takes a unit after a number as part of the value', () => {
    expect(tokenize('estimated size 5.2 KB, free 16.0 B)')).toEqual([
      'estimated',
      'size',
      '<*>,',
      'free',
      '<*>)',
    ]);
    expect(tokenize('took 3 ms')).toEqual(tokenize('took 3ms'));
  });

  it('collapses a run of the same masked token, so lists of any length look alike', () => {
    expect(tokenize('stack @0x1 @0x2 @0x3 @0x4)')).toEqual(['stack', '@<*>', '@<*>)']);
    expect(tokenize('Fan speeds ( 3552 3534 3375 )')).toEqual(tokenize('Fan speeds ( 1 2 )'));
  });

  // The one-pass hash and the masker must agree, or templates would not match their own messages.
  const tokenChars = fc.constantFrom(...'0123456789abcdefxyzXYZ.:-_+,/\\@=()[]<>\'"#%~é'.split(''));
  it('hashes every token as the hash of its masked string', () => {
    fc.assert(
      fc.property(fc.string({ unit: tokenChars, minLength: 1, maxLength: 40 }), (token) => {
        const t = new Tokens().scan(token);
        expect(t.length).toBe(1);
        expect(t.hash[0]).toBe(hashString(maskToken(token, 0, token.length)));
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps hashes and strings in step through the passes across tokens', () => {
    const words = fc.constantFrom(
      'Jul',
      'Sat',
      'KB,',
      'ms',
      'user',
      '()',
      '@0x1',
      'a.b.example.com',
    );
    const token = fc.oneof(fc.string({ unit: tokenChars, minLength: 1, maxLength: 12 }), words);
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (parts) => {
        const t = new Tokens().scan(parts.join(' '));
        const strings = t.tokens();
        expect(strings.map(hashString)).toEqual(Array.from(t.hash.subarray(0, t.length)));
      }),
      { numRuns: 3000 },
    );
  });
});
