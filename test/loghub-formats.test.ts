/**
 * Reading of the Loghub 2k samples (../shared/datasets/loghub-2k, research licence, not copied
 * here): each file is detected as its format, every line is an event with a time, and the
 * message is Loghub's `Content` column, since template mining runs over messages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent } from '../src/core/event.js';
import { readSource } from '../src/ingest/read-source.js';
import type { SourceSummary } from '../src/ingest/source.js';

const dir = join(import.meta.dirname, '../../shared/datasets/loghub-2k');

interface Expected {
  format: string;
  /**
   * Where a format's convention lifts a header field out of the message that Loghub keeps in
   * `Content`: the Content the event stands for. Mismatches it does not explain fail the test.
   */
  lifted?: (e: LogEvent) => string | undefined;
  /** The share of exact matches below which the test fails; 0.99 unless said otherwise. */
  minShare?: number;
}

const EXPECTED: Record<string, Expected> = {
  // httpd writes `[client ip]` as a header field (ErrorLogFormat's `[client\ %a]`);
  // apache-error keeps it in clientIp, Loghub in Content.
  Apache: {
    format: 'apache-error',
    minShare: 0.98,
    lifted: (e) =>
      e.attrs.clientIp === undefined ? undefined : `[client ${e.attrs.clientIp}] ${e.message}`,
  },
  BGL: { format: 'bgl' },
  HDFS: { format: 'generic' },
  HPC: { format: 'hpc' },
  Hadoop: { format: 'generic' },
  Linux: { format: 'syslog' },
  Spark: { format: 'generic' },
  Windows: { format: 'generic' },
  Zookeeper: { format: 'generic' },
};

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field.length > 0 || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The structured CSV's columns by LineId. */
function readStructured(system: string): Map<number, Record<string, string>> {
  const [head, ...rows] = parseCsv(
    readFileSync(join(dir, system, `${system}_2k.log_structured.csv`), 'utf8'),
  );
  const byLine = new Map<number, Record<string, string>>();
  for (const row of rows) {
    const record: Record<string, string> = {};
    head!.forEach((name, k) => (record[name] = row[k] ?? ''));
    byLine.set(Number(record.LineId), record);
  }
  return byLine;
}

interface Read {
  events: LogEvent[];
  summary: SourceSummary;
  lines: number;
  structured: Map<number, Record<string, string>>;
}

async function read(system: string): Promise<Read> {
  const path = join(dir, system, `${system}_2k.log`);
  const opened = readSource({ name: system, path });
  const events: LogEvent[] = [];
  for await (const batch of opened.events) events.push(...batch);
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0).length;
  return { events, summary: opened.summary, lines, structured: readStructured(system) };
}

const present = existsSync(dir);

(present ? describe : describe.skip)(
  present ? `Loghub 2k samples in ${dir}` : `Loghub 2k samples: folder ${dir} is missing`,
  () => {
    const results = new Map<string, Read>();
    const shares: string[] = [];

    beforeAll(async () => {
      for (const system of Object.keys(EXPECTED)) results.set(system, await read(system));
    });

    afterAll(() => {
      if (shares.length > 0) console.log(`message == Content:\n${shares.join('\n')}`);
    });

    for (const [system, expected] of Object.entries(EXPECTED)) {
      describe(system, () => {
        it(`is detected as ${expected.format}`, () => {
          expect(results.get(system)!.summary.format).toBe(expected.format);
        });

        it('reads every line as an event with a time', () => {
          const { events, summary, lines } = results.get(system)!;
          expect(summary.unparsed).toBe(0);
          expect(events).toHaveLength(lines);
          const seen = new Set(events.map((e) => e.line));
          expect(seen.size).toBe(lines);
          for (const e of events) {
            expect(Number.isFinite(e.ts), `line ${e.line}: ${e.raw}`).toBe(true);
            expect(e.endLine, `line ${e.line}`).toBeUndefined();
          }
        });

        it("extracts Loghub's Content as the message", () => {
          const { events, structured } = results.get(system)!;
          let equal = 0;
          const unexplained: string[] = [];
          for (const e of events) {
            const content = structured.get(e.line)?.Content;
            if (e.message === content) equal++;
            else if (expected.lifted?.(e) !== content) {
              unexplained.push(`line ${e.line}: ${JSON.stringify(e.message)} ≠ ${content}`);
            }
          }
          const share = equal / events.length;
          shares.push(
            `  ${system.padEnd(10)} ${(share * 100).toFixed(2).padStart(6)}% (${equal}/${events.length})`,
          );
          expect(share).toBeGreaterThanOrEqual(expected.minShare ?? 0.99);
          if (expected.lifted !== undefined) expect(unexplained).toEqual([]);
        });
      });
    }

    // The analysis takes BGL's alert labels as the ground truth for first errors.
    it('keeps every BGL label', () => {
      const { events, structured } = results.get('BGL')!;
      for (const e of events) {
        const label = structured.get(e.line)!.Label!;
        expect(e.attrs.label, `line ${e.line}`).toBe(label);
        expect(e.attrs.alert, `line ${e.line}`).toBe(label === '-' ? undefined : label);
      }
    });
  },
);
