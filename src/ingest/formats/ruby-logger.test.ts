import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import { detectFormat } from '../detect.js';
import { createParseContext } from '../parse-context.js';
import { formatById, INNER_FORMATS } from './index.js';
import { rubyLogger } from './ruby-logger.js';

const ctx = () => createParseContext({});
const iso = (ts: number | undefined) => new Date(ts ?? NaN).toISOString();
const RID = '0e7d2a61-88b4-47c3-a0f2-9c51d3e6b7a8';

describe('ruby-logger', () => {
  it('reads the letter, time, pid, padded severity, empty progname and message', () => {
    const e = rubyLogger.parse(
      'I, [2026-11-22T19:40:42.123456 #1234]  INFO -- : Completed 200 OK in 36ms',
      ctx(),
    );
    expect(iso(e?.ts)).toBe('2026-11-22T19:40:42.123Z');
    // Microseconds survive as fractional milliseconds.
    expect(e?.ts).toBeCloseTo(Date.UTC(2026, 10, 22, 19, 40, 42, 123) + 0.456, 6);
    expect(e?.tsText).toBe('2026-11-22T19:40:42.123456');
    expect(e?.zoned).toBe(false);
    expect(e?.level).toBe('info');
    expect(e?.message).toBe('Completed 200 OK in 36ms');
    expect(e?.attrs).toEqual({ pid: 1234 });
  });

  it('reads the zone-less time in the context zone, and a zone when a custom format writes one', () => {
    const berlin = createParseContext({ zone: resolveZone('Europe/Berlin')! });
    const line = 'E, [2026-11-22T19:40:42.000000 #7] ERROR -- : x';
    expect(iso(rubyLogger.parse(line, berlin)?.ts)).toBe('2026-11-22T18:40:42.000Z');
    const zoned = rubyLogger.parse('E, [2026-11-22T19:40:42+0900 #7] ERROR -- : x', berlin);
    expect(iso(zoned?.ts)).toBe('2026-11-22T10:40:42.000Z');
    expect(zoned?.zoned).toBe(true);
    // logger < 1.5 with a custom datetime_format: no space before `#`.
    const old = rubyLogger.parse('W, [2026-11-22 19:40:42#7]  WARN -- : x', ctx());
    expect(iso(old?.ts)).toBe('2026-11-22T19:40:42.000Z');
  });

  it('maps every severity word, and leaves ANY/UNKNOWN without a level of its own', () => {
    const parse = (letter: string, word: string) =>
      rubyLogger.parse(`${letter}, [2026-11-22T19:40:42.000001 #9] ${word} -- : m`, ctx());
    expect(parse('D', 'DEBUG')?.level).toBe('debug');
    expect(parse('I', ' INFO')?.level).toBe('info');
    expect(parse('W', ' WARN')?.level).toBe('warn');
    expect(parse('E', 'ERROR')?.level).toBe('error');
    expect(parse('F', 'FATAL')?.level).toBe('fatal');
    const any = parse('A', '  ANY');
    expect(any?.level).toBeUndefined();
    expect(any?.attrs).toEqual({ pid: 9, severity: 'ANY' });
    expect(parse('U', 'UNKNOWN')?.attrs?.severity).toBe('UNKNOWN');
    // The word padded on the right, as hand-written copies of the layout do.
    expect(parse('I', 'INFO ')?.level).toBe('info');
  });

  it('reads a progname, and an empty message', () => {
    const e = rubyLogger.parse(
      'W, [2026-11-22T19:40:52.010871 #4410]  WARN -- sidekiq: retry 1 of 25: Net::ReadTimeout',
      ctx(),
    );
    expect(e?.attrs).toEqual({ pid: 4410, progname: 'sidekiq' });
    expect(e?.message).toBe('retry 1 of 25: Net::ReadTimeout');
    const empty = rubyLogger.parse('I, [2026-11-22T19:40:52.010871 #4410]  INFO -- app: ', ctx());
    expect(empty?.message).toBe('');
    expect(empty?.attrs?.progname).toBe('app');
    const trimmed = rubyLogger.parse('I, [2026-11-22T19:40:52.010871 #4410]  INFO -- :', ctx());
    expect(trimmed?.message).toBe('');
    expect(trimmed?.attrs).toEqual({ pid: 4410 });
  });

  it('puts a leading UUID tag into requestId and keeps the tags in the message', () => {
    const e = rubyLogger.parse(
      `I, [2026-11-22T19:40:46.207741 #3121]  INFO -- : [${RID}] [web-2] Started POST "/checkout"`,
      ctx(),
    );
    expect(e?.attrs?.requestId).toBe(RID);
    expect(e?.message).toBe(`[${RID}] [web-2] Started POST "/checkout"`);
    const other = (message: string) =>
      rubyLogger.parse(`I, [2026-11-22T19:40:46.207741 #3121]  INFO -- : ${message}`, ctx())?.attrs
        ?.requestId;
    // A job id behind `[ActiveJob]` is not a request id; nor is a client's own X-Request-Id.
    expect(other(`[ActiveJob] [SyncInventoryJob] [${RID}] Performing`)).toBeUndefined();
    expect(other('[Root1-6740d5a1-0a1b2c3d4e5f60718293a4b5] Started GET "/"')).toBeUndefined();
    expect(other(`[${RID.slice(0, 35)}x] Started`)).toBeUndefined();
    expect(other(`${RID} Started`)).toBeUndefined();
  });

  it('continues an exception backtrace on unprefixed lines', () => {
    const text = [
      'E, [2026-11-22T19:40:52.009644 #4410] ERROR -- ReceiptMailer: could not obtain a connection from the pool (ActiveRecord::ConnectionTimeoutError)',
      "/app/gems/activerecord-7.1.3/lib/active_record/connection_pool/queue.rb:128:in `block in wait_poll'",
      "/app/app/jobs/receipt_mailer_job.rb:9:in `perform'",
      'I, [2026-11-22T19:40:53.000000 #4410]  INFO -- sidekiq: next',
    ].join('\n');
    const { events, stats } = assembleText(text, rubyLogger, ctx());
    expect(stats).toMatchObject({ entries: 2, continuations: 2, unparsed: 0 });
    expect(events[0]?.level).toBe('error');
    expect(events[0]?.endLine).toBe(3);
    expect(events[0]?.message.split('\n')).toEqual([
      'could not obtain a connection from the pool (ActiveRecord::ConnectionTimeoutError)',
      "/app/gems/activerecord-7.1.3/lib/active_record/connection_pool/queue.rb:128:in `block in wait_poll'",
      "/app/app/jobs/receipt_mailer_job.rb:9:in `perform'",
    ]);
    expect(events[1]?.message).toBe('next');
  });

  it("reads Rails' tagged exception report: blank first line, tags repeated on each line", () => {
    const text = [
      `F, [2026-11-22T19:40:51.214402 #3121] FATAL -- : [${RID}]   `,
      `[${RID}] ActiveRecord::ConnectionTimeoutError (could not obtain a connection from the pool):`,
      `[${RID}]   `,
      `[${RID}] app/models/checkout.rb:42:in 'Checkout#reserve_stock'`,
      `[${RID}]   1: <%= render @order %>`,
    ].join('\n');
    const { events } = assembleText(text, rubyLogger, ctx());
    expect(events).toHaveLength(1);
    const e = events[0];
    expect(e?.level).toBe('fatal');
    expect(e?.attrs).toEqual({ pid: 3121, requestId: RID });
    expect(e?.message).toBe(
      [
        `[${RID}] ActiveRecord::ConnectionTimeoutError (could not obtain a connection from the pool):`,
        "app/models/checkout.rb:42:in 'Checkout#reserve_stock'",
        '  1: <%= render @order %>',
      ].join('\n'),
    );
    // The file's text is all kept.
    expect(e?.raw).toBe(text);
  });

  it("rejects other formats' lines and disagreeing or unknown severities", () => {
    for (const line of [
      'Nov 22 19:40:42 web-1 puma[3121]: I, [2026-11-22T19:40:42.1 #1]  INFO -- : x',
      '2026-11-22T19:40:42.123Z INFO [main] app started',
      '2026-11-22 19:40:42,123 ERROR -- : connection refused',
      'E, [2026-11-22T19:40:42.123456 #1234]  INFO -- : letter and word disagree',
      'I, [2026-11-22T19:40:42.123456 #1234] ERROR -- : letter and word disagree',
      'N, [2026-11-22T19:40:42.123456 #1234] NOTICE -- : not a Logger severity',
      'I, [2026-11-22T19:40:42.123456 #1234]  INFO: no dashes',
      'I, [2026-11-22T19:40:42.123456]  INFO -- : no pid',
      'I, [2026-11-22T19:40:42.123456 #12a4]  INFO -- : bad pid',
      'I, [yesterday #1234]  INFO -- : no time',
      'i, [2026-11-22T19:40:42.123456 #1234]  info -- : lower case',
      '2026-11-22T19:40:44.100Z pid=4410 tid=2kq INFO: Sidekiq pretty format',
    ]) {
      expect(rubyLogger.parse(line, ctx()), line).toBeNull();
    }
  });

  it('is detected over generic and json, and answers to its aliases', () => {
    const sample = [
      `I, [2026-11-22T19:40:46.207741 #3121]  INFO -- : [${RID}] Started POST "/checkout"`,
      `F, [2026-11-22T19:40:51.214402 #3121] FATAL -- : [${RID}]   `,
      `[${RID}] ActiveRecord::ConnectionTimeoutError (could not obtain a connection):`,
      `[${RID}] app/models/checkout.rb:42:in 'Checkout#reserve_stock'`,
      'I, [2026-11-22T19:40:51.230115 #3124]  INFO -- : Started GET "/up"',
    ];
    const d = detectFormat(sample, ctx());
    expect(d.format?.id).toBe('ruby-logger');
    expect(d.runnerUp?.format.id ?? 'none').not.toBe('ruby-logger');
    expect(formatById('rails')).toBe(rubyLogger);
    expect(formatById('ruby')).toBe(rubyLogger);
    // An ISO app log is not mistaken for Logger's.
    expect(detectFormat(['2026-11-22T19:40:42.123Z INFO started'], ctx()).format?.id).not.toBe(
      'ruby-logger',
    );
  });

  it('is read inside container logs (Rails writes to STDOUT there)', () => {
    const c = createParseContext({ innerFormats: INNER_FORMATS });
    const e = c.parseInner(
      `E, [2026-11-22T19:40:46.402566 #1] ERROR -- : [${RID}] PaymentGateway timed out`,
    );
    expect(e?.level).toBe('error');
    expect(e?.attrs).toEqual({ pid: 1, requestId: RID });
  });

  it('stays linear when a long entry collects many continuation lines', () => {
    const lines = [
      'E, [2026-11-22T19:40:52.009644 #1] ERROR -- : [unclosed tag ' + 'x'.repeat(2000),
    ];
    for (let i = 0; i < 4000; i++) lines.push('[' + 'y'.repeat(250));
    const start = performance.now();
    const { events } = assembleText(lines.join('\n'), rubyLogger, ctx());
    // Re-reading the growing message on each line took seconds here.
    expect(performance.now() - start).toBeLessThan(250);
    expect(events).toHaveLength(1);
    expect(events[0]?.message.split('\n')).toHaveLength(4001);
  });
});
