/**
 * The conformance suite every log format passes: its fixtures are detected as that format, parse
 * into events with real times and levels, and match their recorded snapshot. Hostile lines never
 * throw or backtrack.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../core/level.js';
import { assembleText } from '../assemble.js';
import { detectFormat } from '../detect.js';
import { createParseContext } from '../parse-context.js';
import { FORMATS, INNER_FORMATS } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
// Fixtures are written in 2026: year-less timestamps resolve against this reference.
const reference = new Date('2026-11-22T20:00:00Z');
const newCtx = () => createParseContext({ reference, innerFormats: INNER_FORMATS });

// Shapes that push regex engines into backtracking, repeated to 100k characters.
const HOSTILE = [
  '"'.repeat(100_000),
  '\\"'.repeat(50_000),
  '1.1.1.1 - - [' + 'x'.repeat(100_000),
  '{"a":'.repeat(20_000),
  'a='.repeat(50_000),
  ' '.repeat(100_000) + 'x',
  '2026-11-22T19:40:42.548Z ' + '[x] '.repeat(25_000),
  'Nov 22 19:40:42 host prog[' + '1'.repeat(100_000),
  '<13>1 2026-11-22T19:40:42Z ' + '- '.repeat(50_000),
  'key="' + 'v\\'.repeat(50_000),
];

describe.each(FORMATS.map((f) => [f.id, f] as const))('format %s', (id, format) => {
  const dir = join(here, 'fixtures', id);
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.log'))
        .sort()
    : [];

  it('has fixtures', () => {
    expect(files.length, `add fixtures under src/ingest/formats/fixtures/${id}/`).toBeGreaterThan(
      0,
    );
  });

  for (const file of files) {
    describe(file, () => {
      const text = readFileSync(join(dir, file), 'utf8');

      it('is detected as its own format', () => {
        const sample = text.split('\n').slice(0, 200);
        const d = detectFormat(sample, newCtx());
        expect(d.format?.id).toBe(id);
      });

      it('parses every line into events with valid times and levels', () => {
        const { events, stats } = assembleText(text, format, newCtx(), id, file);
        expect(events.length).toBeGreaterThan(0);
        expect(stats.unparsed).toBe(0);
        expect(stats.lines).toBe(stats.blank + stats.entries + stats.continuations);
        for (const e of events) {
          expect(Number.isFinite(e.ts), `line ${e.line}: ${e.raw}`).toBe(true);
          expect(LEVELS).toContain(e.level);
          expect(e.message.length + Object.keys(e.attrs).length).toBeGreaterThan(0);
          expect(e.format).toBe(id);
        }
      });

      it('matches its snapshot', async () => {
        const { events } = assembleText(text, format, newCtx(), id, file);
        const lines = events.map((e) =>
          JSON.stringify({
            ts: new Date(e.ts).toISOString(),
            line: e.line,
            ...(e.endLine ? { endLine: e.endLine } : {}),
            level: e.level,
            zoned: e.zoned,
            message: e.message,
            attrs: e.attrs,
          }),
        );
        await expect(lines.join('\n') + '\n').toMatchFileSnapshot(
          join(dir, '__snapshots__', file.replace(/\.log$/, '.events.jsonl')),
        );
      });
    });
  }

  it('never throws and stays linear on hostile lines', () => {
    const ctx = newCtx();
    for (const line of HOSTILE) {
      const start = performance.now();
      format.parse(line, ctx);
      format.detect([line], ctx);
      // Linear parsers read 100 kB in well under a millisecond; backtracking takes seconds.
      expect(
        performance.now() - start,
        `${id} on ${JSON.stringify(line.slice(0, 30))}…`,
      ).toBeLessThan(250);
    }
  });

  it('never throws on arbitrary text', () => {
    const ctx = newCtx();
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (line) => {
        format.parse(line, ctx);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
