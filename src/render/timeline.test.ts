import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../core/event.js';
import { formatUtc } from '../core/time.js';
import { eventToCsv, eventToJsonl, eventToMarkdown, PLAIN, tableRenderer } from './timeline.js';

const e: LogEvent = {
  ts: Date.parse('2026-11-22T19:40:42.584Z'),
  tsText: '2026-11-22T19:40:42.584Z',
  zoned: true,
  source: 'app "main"',
  file: 'app/app.log',
  line: 5930,
  offset: 123,
  endLine: 5932,
  level: 'error',
  message: 'request failed | <script>\nat db.js:1',
  attrs: { status: 500, requestId: 'abc' },
  raw: '',
  format: 'json',
};

describe('timeline rows', () => {
  it('jsonl matches JSON.stringify of the documented record', () => {
    const parsed = JSON.parse(eventToJsonl(e));
    expect(parsed).toEqual({
      ts: '2026-11-22T19:40:42.584Z',
      source: 'app "main"',
      file: 'app/app.log',
      line: 5930,
      level: 'error',
      message: 'request failed | <script>\nat db.js:1',
      attrs: { status: 500, requestId: 'abc' },
      endLine: 5932,
    });
  });

  it('formats times with milliseconds, reusing the second but not its millis', () => {
    expect(formatUtc(Date.parse('2026-11-22T19:40:42.005Z'))).toBe('2026-11-22T19:40:42.005Z');
    expect(formatUtc(Date.parse('2026-11-22T19:40:42.050Z'))).toBe('2026-11-22T19:40:42.050Z');
    expect(formatUtc(Date.parse('2026-11-22T19:40:42.999Z') + 0.7)).toBe(
      '2026-11-22T19:40:42.999Z',
    );
    expect(formatUtc(Date.parse('2026-11-22T19:40:43Z'))).toBe('2026-11-22T19:40:43.000Z');
    expect(formatUtc(Date.parse('1969-12-31T23:59:59.250Z'))).toBe('1969-12-31T23:59:59.250Z');
    expect(formatUtc(NaN)).toBe('unknown');
  });

  it('quotes CSV cells and escapes Markdown tables', () => {
    expect(eventToCsv(e)).toBe(
      '2026-11-22T19:40:42.584Z,"app ""main""",app/app.log,5930,error,"request failed | <script>\nat db.js:1"',
    );
    const md = eventToMarkdown(e);
    expect(md).toContain('request failed \\| &lt;script&gt; ↵ at db.js:1');
    expect(md).toContain('`app/app.log:5930-5932`');
  });

  it('table rows show the first line and how many more', () => {
    const row = tableRenderer(10, undefined, PLAIN)(e);
    expect(row).toBe(
      '2026-11-22T19:40:42.584Z  app "main"  ERROR  request failed | <script> (+1 lines)',
    );
  });

  it('table rows show the error a structured log keeps apart from the message', () => {
    const row = tableRenderer(
      3,
      undefined,
      PLAIN,
    )({
      ...e,
      source: 'app',
      message: 'request failed',
      attrs: { error: 'sorry, too many clients already' },
    });
    expect(row).toBe(
      '2026-11-22T19:40:42.584Z  app  ERROR  request failed: sorry, too many clients already',
    );
  });
});
