import { describe, expect, it } from 'vitest';
import { parseDocument } from './parse.js';

const entries = (text: string) => parseDocument(text).timeline?.entries ?? [];

describe('timeline tables', () => {
  it('finds columns by header synonyms and keeps a span per cell', () => {
    const text = `## Chronology

| Who | When (UTC) | What happened | Evidence |
|-----|------------|---------------|----------|
| alice | 2026-11-22 19:40:42 | First 502 | nginx/access.log:7477 |
| bob | 2026-11-22 19:52 | Rollback \\| revert | |
`;
    const [a, b] = entries(text);
    expect(a).toMatchObject({
      form: 'table',
      time: { text: '2026-11-22 19:40:42' },
      ms: Date.UTC(2026, 10, 22, 19, 40, 42),
      zoned: true,
      zone: 'UTC',
      zoneFrom: 'header',
      dateFrom: 'cell',
      event: { text: 'First 502' },
      source: { text: 'nginx/access.log:7477' },
      actor: { text: 'alice' },
      row: 0,
    });
    const ev = a!.event.span;
    expect(text.slice(ev.start.offset, ev.end.offset)).toBe('First 502');
    expect(a!.time.span.start).toMatchObject({ line: 5, column: 11 });
    expect(b!.event.text).toBe('Rollback | revert');
    expect(b!.source?.text).toBe('');
  });

  it('reads the zone of a note, and of the cell before all else', () => {
    const [a, b] = entries(`## Timeline

All times in CET.

| Time | Event |
| --- | --- |
| 2019-11-29 12:00 | scaled up |
| 2019-11-29 12:00 UTC | alert |
`);
    expect(a).toMatchObject({ zone: 'CET', zoneFrom: 'note', ms: Date.UTC(2019, 10, 29, 11) });
    expect(b).toMatchObject({ zone: 'UTC', zoneFrom: 'cell', ms: Date.UTC(2019, 10, 29, 12) });
  });

  it('keeps rows without a zone, unread placeholders and rows without a time', () => {
    const rows = entries(`## Timeline

| Time | Event |
| --- | --- |
| 2024-03-13 10:01 | node NotReady |
| 2024-03-13 HH:mm | placeholder |
| 2024-03-13 14:?? | half known |
|  | no time at all |
`);
    expect(rows.map((r) => [r.zoned, r.placeholder, r.ms !== undefined])).toEqual([
      [false, false, true],
      [false, true, false],
      [false, true, false],
      [false, false, false],
    ]);
  });

  it('takes a first column of times as the time even without a time header', () => {
    const rows = entries(
      `## Timeline\n\n| At | Note |\n|--|--|\n| 10:00 UTC | a |\n| 10:05 UTC | b |\n`,
    );
    expect(rows.map((r) => r.event.text)).toEqual(['a', 'b']);
  });

  it('ignores tables that are not timelines', () => {
    expect(entries(`## Timeline\n\n| Metric | Value |\n|--|--|\n| errors | 12 |\n`)).toEqual([]);
  });
});

describe('timeline lists', () => {
  it('reads bold and plain times, carrying the date from headings and earlier rows', () => {
    const rows = entries(`# Outage - September 29, 2025

## Timeline

- **16:58 UTC** - Writer database saturates
- 17:02 UTC – [Unrelated deployment](https://x/1) lowers the timeout
- **Note:** not a row

### October 30, 2025

- **00:03 UTC (Oct 30)** - Rolled back
- 05:39 - Resolved
- 2024-03-13 10:01: dated row
`);
    expect(
      rows.map((r) => [r.time.text, r.event.text, r.ms && new Date(r.ms).toISOString()]),
    ).toEqual([
      ['16:58 UTC', 'Writer database saturates', '2025-09-29T16:58:00.000Z'],
      ['17:02 UTC', 'Unrelated deployment lowers the timeout', '2025-09-29T17:02:00.000Z'],
      ['00:03 UTC (Oct 30)', 'Rolled back', '2025-10-30T00:03:00.000Z'],
      ['05:39', 'Resolved', '2025-10-30T05:39:00.000Z'],
      ['2024-03-13 10:01', 'dated row', '2024-03-13T10:01:00.000Z'],
    ]);
    expect(rows[3]).toMatchObject({ zoned: false, dateFrom: 'context' });
  });

  it('uses the front matter for the day', () => {
    const [r] = entries(
      `---\nstarted: 2026-11-22T19:40:00Z\n---\n## Timeline\n\n- 19:52 UTC rollback\n`,
    );
    expect(r?.ms).toBe(Date.UTC(2026, 10, 22, 19, 52));
  });

  it('reads 12-hour times with month names', () => {
    const [r] = entries(
      `## Timeline\n\n| Time (UTC) | Event |\n|--|--|\n| Jan 14, 2026, 5:33 PM | release |\n`,
    );
    expect(r?.ms).toBe(Date.UTC(2026, 0, 14, 17, 33));
  });
});

describe('a huge timeline', () => {
  const table = (n: number): string => {
    const rows = ['## Timeline', '', '| Time | Event | Source |', '|---|---|---|'];
    for (let i = 0; i < n; i++)
      rows.push(
        `| 2026-01-01 10:${String(i % 60).padStart(2, '0')} UTC | event ${i} | app.log:${i} |`,
      );
    return rows.join('\n') + '\n';
  };

  it('reads 10,000 rows in linear time', () => {
    const small = table(2_500);
    const big = table(10_000);
    parseDocument(small); // warm up
    const t0 = performance.now();
    const a = parseDocument(small);
    const t1 = performance.now();
    const b = parseDocument(big);
    const t2 = performance.now();
    expect(a.timeline!.entries).toHaveLength(2_500);
    expect(b.timeline!.entries).toHaveLength(10_000);
    expect(b.timeline!.entries[9_999]!.source?.text).toBe('app.log:9999');
    // Four times the rows: well under the sixteen times a quadratic reader would take.
    expect(t2 - t1).toBeLessThan(8 * (t1 - t0) + 500);
  }, 120_000);
});
