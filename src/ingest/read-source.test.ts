import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../core/event.js';
import { readSource } from './read-source.js';
import type { SourceSpec } from './source.js';

const dir = mkdtempSync(join(tmpdir(), 'aftermath-read-'));

function access(i: number, status = 200): string {
  const s = String(i % 60).padStart(2, '0');
  return `10.0.0.${i % 250} - - [22/Nov/2026:19:40:${s} +0000] "GET /item/${i} HTTP/1.1" ${status} 12 "-" "curl/8"`;
}

async function read(
  spec: SourceSpec,
): Promise<{ events: LogEvent[]; summary: ReturnType<typeof readSource>['summary'] }> {
  const src = readSource(spec);
  const events: LogEvent[] = [];
  for await (const b of src.events) events.push(...b);
  return { events, summary: src.summary };
}

describe('readSource on bad input', () => {
  it('reads gzip by its magic bytes, whatever the name', async () => {
    const p = join(dir, 'access.log.1');
    writeFileSync(p, gzipSync(Array.from({ length: 50 }, (_, i) => access(i)).join('\n') + '\n'));
    const { events, summary } = await read({ name: 'a', path: p });
    expect(summary.gzip).toBe(true);
    expect(summary.format).toBe('access');
    expect(events.length).toBe(50);
  });

  it('reads what it can of a truncated gzip and says where it stopped', async () => {
    const p = join(dir, 'truncated.log.gz');
    const full = gzipSync(Array.from({ length: 20_000 }, (_, i) => access(i)).join('\n') + '\n');
    writeFileSync(p, full.subarray(0, Math.floor(full.length * 0.6)));
    const { events, summary } = await read({ name: 't', path: p });
    expect(events.length).toBeGreaterThan(1000);
    expect(events.length).toBeLessThan(20_000);
    const d = summary.diagnostics.find((x) => x.ruleId === 'ingest/gzip-corrupt');
    expect(d).toBeDefined();
    expect(d!.place!.line).toBeGreaterThan(1000);
  });

  it('reads a one-line file that has no newline at its end (it was lost as "empty")', async () => {
    const p = join(dir, 'one-line.log');
    writeFileSync(p, access(7));
    const { events, summary } = await read({ name: 'one', path: p });
    expect(summary.skipped).toBeUndefined();
    expect(summary.format).toBe('access');
    expect(events.map((e) => e.line)).toEqual([1]);
  });

  it('skips a binary file with a warning', async () => {
    const p = join(dir, 'core.dump');
    writeFileSync(p, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
    const { events, summary } = await read({ name: 'b', path: p });
    expect(events).toEqual([]);
    expect(summary.skipped).toBe('binary file');
    expect(summary.diagnostics.map((d) => d.ruleId)).toContain('ingest/binary-file');
  });

  it('reports a missing or unreadable file by name without throwing', async () => {
    const { summary } = await read({ name: 'm', path: join(dir, 'nope.log') });
    expect(summary.skipped).toBe('not found');
    expect(summary.diagnostics[0]!.ruleId).toBe('ingest/unreadable');
    expect(summary.diagnostics[0]!.source).toContain('nope.log');
    if (process.getuid?.() !== 0) {
      const p = join(dir, 'secret.log');
      writeFileSync(p, access(1));
      chmodSync(p, 0);
      const r = await read({ name: 's', path: p });
      expect(r.summary.diagnostics[0]!.ruleId).toBe('ingest/unreadable');
    }
  });

  it('cuts a 50 MB line to 1 MiB, warns, and reads the lines after it', async () => {
    const p = join(dir, 'long.log');
    writeFileSync(
      p,
      access(1) +
        '\n' +
        access(2).replace('curl/8', 'x'.repeat(50 * 1024 * 1024)) +
        '\n' +
        access(3) +
        '\n',
    );
    const { events, summary } = await read({ name: 'l', path: p });
    expect(events.length).toBe(3);
    expect(events[1]!.raw.length).toBeLessThanOrEqual(1 << 20);
    expect(events[2]!.attrs.path).toBe('/item/3');
    expect(events[2]!.line).toBe(3);
    expect(summary.truncatedLines).toBe(1);
    expect(summary.diagnostics.map((d) => d.ruleId)).toContain('ingest/line-too-long');
  });

  it('keeps unparseable lines as events and counts them; nothing is dropped', async () => {
    const p = join(dir, 'mixed.log');
    const lines = [
      access(1),
      'garbage in the middle',
      access(2),
      '\u0000\u0001 partial binary junk',
      access(3),
    ];
    writeFileSync(p, lines.join('\n') + '\n');
    const { events, summary } = await read({ name: 'x', path: p });
    expect(events.map((e) => e.line)).toEqual([1, 2, 3, 4, 5]);
    expect(summary.unparsed).toBe(2);
    expect(events[1]!.unparsed).toBe(true);
    expect(events[1]!.ts).toBe(events[0]!.ts);
  });

  it('decodes invalid UTF-8 with replacement characters', async () => {
    const p = join(dir, 'latin1.log');
    writeFileSync(
      p,
      Buffer.concat([
        Buffer.from(access(1).replace('/item/1', '/caf')),
        Buffer.from([0xe9]),
        Buffer.from(' HTTP/1.1" 200 1 "-" "-"\n').subarray(0, 0),
        Buffer.from('\n'),
      ]),
    );
    const { events } = await read({ name: 'u', path: p });
    expect(events.length).toBe(1);
    expect(events[0]!.raw).toContain('\ufffd');
  });

  it('counts lines that go back in time and keeps them in place', async () => {
    const p = join(dir, 'order.log');
    writeFileSync(p, [access(10), access(5), access(20)].join('\n') + '\n');
    const { events, summary } = await read({ name: 'o', path: p });
    expect(events.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(summary.outOfOrder).toBe(1);
  });

  it('reads zone-less times in the given zone and says why', async () => {
    const p = join(dir, 'local.log');
    writeFileSync(p, '10.0.0.1 - - [2026-11-22T20:40:00] "GET / HTTP/1.1" 200 1 "-" "-"\n');
    const { events, summary } = await read({
      name: 'z',
      path: p,
      tz: 'Europe/Berlin',
      tzOrigin: 'flag',
    });
    expect(new Date(events[0]!.ts).toISOString()).toBe('2026-11-22T19:40:00.000Z');
    expect(summary.zoneReason).toContain('--tz');
    const bad = await read({ name: 'z', path: p, tz: 'Mars/Olympus' });
    expect(bad.summary.diagnostics[0]!.ruleId).toBe('ingest/unknown-zone');
  });

  it('hands over batches of at most batchSize events, however many lines a read brings', async () => {
    const p = join(dir, 'batches.log');
    writeFileSync(p, Array.from({ length: 10_000 }, (_, i) => access(i)).join('\n') + '\n');
    const src = readSource({ name: 'b', path: p }, { batchSize: 100 });
    const sizes: number[] = [];
    const lines: number[] = [];
    for await (const b of src.events) {
      sizes.push(b.length);
      lines.push(...b.map((e) => e.line));
    }
    expect(Math.max(...sizes)).toBe(100);
    expect(lines).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
  });

  it('lazy mode gives the times and levels of the full parse, and stops where it would not', async () => {
    const p = join(dir, 'lazy.log');
    // A nested "time" before the top-level one fools a key search: the reader must notice.
    const lines = [
      '{"req":{"time":"2020-01-01T00:00:00Z"},"level":"info","time":"2026-11-22T19:40:00.000Z","msg":"a"}',
      ...Array.from(
        { length: 50 },
        (_, i) =>
          `{"level":"error","time":"2026-11-22T19:40:${String(i + 1).padStart(2, '0')}.000Z","msg":"b"}`,
      ),
    ];
    writeFileSync(p, lines.join('\n') + '\n');
    const lazy = readSource({ name: 'l', path: p }, { lazy: true });
    const got: LogEvent[] = [];
    for await (const b of lazy.events) got.push(...b);
    const full = await read({ name: 'l', path: p });
    expect(got.map((e) => [e.ts, e.level])).toEqual(full.events.map((e) => [e.ts, e.level]));
    expect(new Date(got[0]!.ts).toISOString()).toBe('2026-11-22T19:40:00.000Z');
    const access2 = join(dir, 'lazy-access.log');
    writeFileSync(
      access2,
      Array.from({ length: 300 }, (_, i) => access(i, i % 7 === 0 ? 503 : 200)).join('\n') + '\n',
    );
    const a = readSource({ name: 'a', path: access2 }, { lazy: true });
    const aEvents: LogEvent[] = [];
    for await (const b of a.events) aEvents.push(...b);
    const aFull = await read({ name: 'a', path: access2 });
    expect(aEvents.map((e) => [e.ts, e.level])).toEqual(aFull.events.map((e) => [e.ts, e.level]));
    // Past the lines it checks, lazy mode skips the message.
    expect(aEvents[299]!.message).toBe('');
  });
});
