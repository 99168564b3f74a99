import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorText } from '../signals.js';
import { openTimeline } from '../../ingest/timeline.js';
import { TemplateMiner } from './miner.js';
import { compileTemplate, type TemplateMatcher } from './template-matcher.js';

function compile(template: string): TemplateMatcher {
  const m = compileTemplate(template);
  if (typeof m === 'string') throw new Error(m);
  return m;
}

/** Mines the messages, then checks each against the final template of the cluster it joined. */
function misfits(messages: readonly string[]): string[] {
  const miner = new TemplateMiner();
  const joined = messages.map((m) => miner.add(m).id);
  const matchers = new Map<number, TemplateMatcher>();
  const out: string[] = [];
  messages.forEach((m, i) => {
    const id = joined[i]!;
    let matcher = matchers.get(id);
    if (!matcher) matchers.set(id, (matcher = compile(miner.cluster(id)!.template)));
    if (!matcher.test(m)) out.push(`${m}  ⟂  ${miner.cluster(id)!.template}`);
  });
  return out;
}

describe('compileTemplate', () => {
  it.each([
    ['a whole-token wildcard', 'Took <*> for user <*>', 'Took 12ms for user 7', true],
    ['the rest of a token', 'session opened for user=<*>', 'session opened for user=42', true],
    ['a wildcard inside a token', 'connect (<*>) done', 'connect (db.example.com) done', true],
    ['other whitespace between tokens', 'a <*> b', '  a\t 1   b ', true],
    [
      'a written date folded into one wildcard',
      'at <*> done',
      'at Sat Jul  9 22:53:22 2005 done',
      true,
    ],
    ['a unit after a number', 'size <*>, free <*>)', 'size 5.2 KB, free 16.0 B)', true],
    ['a run of masked values', 'stack @<*> @<*>)', 'stack @0x1 @0x2 @0x3 @0x4)', true],
    ['literal regex characters', 'x (a+b)* [c] <*>', 'x (a+b)* [c] 42', true],
    ['one token too many', 'Took <*> for user <*>', 'Took 12ms for user 7 now', false],
    ['a different word', 'Took <*> for user <*>', 'Took 12ms for group 7', false],
    ['a word where a value was masked', 'user=<*> in', 'user=root in', false],
    ['a prefix only', 'request failed', 'request failed: timeout', false],
    ['an empty wildcard', 'user=<*>', 'user=', false],
    ['a wildcard that is a word in the miner', 'status <*>', 'status', false],
  ])('%s', (_name, template, message, expected) => {
    expect(compile(template).test(message)).toBe(expected);
  });

  it('anchors its RegExp to the whole message', () => {
    const { regex } = compile('a <*> b');
    expect(regex.test('a 1 b')).toBe(true);
    expect(regex.test('x a 1 b')).toBe(false);
    expect(regex.test('a 1 b x')).toBe(false);
  });

  it('refuses templates that are empty or too long', () => {
    expect(compileTemplate(' \t ')).toMatch(/at least one token/);
    expect(compileTemplate('x '.repeat(3000))).toMatch(/at most 4000 characters, got 6000/);
  });

  it('stays linear on lines built to make wildcards backtrack', () => {
    const m = compile(Array.from({ length: 12 }, () => 'a <*>').join(' ') + ' b');
    const line = 'a '.repeat(1000) + 'c';
    const start = performance.now();
    expect(m.test(line)).toBe(false);
    expect(m.regex.test(line)).toBe(false);
    expect(performance.now() - start).toBeLessThan(200);
  });

  it('matches every message of generated logs to its own cluster', () => {
    const word = fc.constantFrom(
      'open',
      'close',
      'user',
      'failed',
      'at',
      'size',
      'KB,',
      'Jul',
      '()',
    );
    const value = fc.oneof(
      fc.integer().map(String),
      fc.ipV4(),
      fc.uuid(),
      fc.constantFrom('user=root', 'user=42', '/var/log/x', '1.5s', 'a@b.org', '0x1f'),
    );
    const message = fc
      .array(fc.oneof(word, value), { minLength: 1, maxLength: 10 })
      .map((t) => t.join(' '));
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 40 }), (messages) => {
        expect(misfits(messages)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('on real logs', () => {
  it('matches each message of examples/pool-exhaustion to its own cluster, per source', async () => {
    const bySource = new Map<string, string[]>();
    const timeline = await openTimeline(['examples/pool-exhaustion']);
    for await (const batch of timeline.events)
      for (const e of batch) {
        // Both texts the analysis mines: every message, and errors with their attached error.
        for (const [key, text] of [
          [e.source, e.message],
          [`${e.source} errors`, errorText(e)],
        ] as const) {
          if (text === undefined || text === '') continue;
          let list = bySource.get(key);
          if (!list) bySource.set(key, (list = []));
          list.push(text);
        }
      }
    expect(bySource.get('app')?.length).toBeGreaterThan(1000);
    expect(bySource.get('nginx')?.length).toBeGreaterThan(1000);
    for (const [source, messages] of bySource) expect(misfits(messages), source).toEqual([]);
  });

  const loghub = '../shared/datasets/loghub-2k';
  it.skipIf(!existsSync(loghub))(
    'matches each line of the Loghub samples to its own cluster',
    () => {
      const systems = readdirSync(loghub).filter((s) => existsSync(join(loghub, s, `${s}_2k.log`)));
      expect(systems.length).toBeGreaterThan(5);
      for (const s of systems) {
        const lines = readFileSync(join(loghub, s, `${s}_2k.log`), 'utf8').split(/\r?\n/);
        expect(misfits(lines.filter((l) => l !== '')), s).toEqual([]);
      }
    },
  );
});
