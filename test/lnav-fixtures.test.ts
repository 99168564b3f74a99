/** Detection and parsing of lnav's real-world samples (../shared/datasets/lnav-fixtures, BSD-2). */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent } from '../src/core/event.js';
import { readSource } from '../src/ingest/read-source.js';
import type { SourceSummary } from '../src/ingest/source.js';

const dir = join(import.meta.dirname, '../../shared/datasets/lnav-fixtures');

interface Expected {
  /** Format id, or undefined when the file is to stay undetected. */
  format: string | undefined;
  /** Lines no parser read that the sample really has (set after looking at each). */
  unparsed?: number;
}

// Every file of the folder, so that a new sample needs a decision here.
const EXPECTED: Record<string, Expected> = {
  LICENSE: { format: undefined },
  'logfile_access_log.0': { format: 'access' },
  'logfile_access_log.1': { format: 'access' },
  // Its second line is cut off mid-request.
  'logfile_bad_access_log.0': { format: 'access', unparsed: 1 },
  'logfile_bunyan.0': { format: 'json' },
  'logfile_caddy_log.0': { format: 'compose' },
  'logfile_crlf.0': { format: 'generic' },
  // The ten Flask start-up lines of `web-1` have no time and come before any entry of theirs;
  // the redis lines are read by the redis reader inside the compose prefix.
  'logfile_docker_compose.0': { format: 'compose', unparsed: 10 },
  'logfile_dst.0': { format: 'syslog' },
  'logfile_empty.0': { format: undefined },
  'logfile_epoch.0': { format: 'generic' },
  'logfile_generic.0': { format: 'generic' },
  'logfile_generic.1': { format: 'generic' },
  'logfile_generic.2': { format: 'generic' },
  'logfile_generic.3': { format: 'generic' },
  'logfile_glog.0': { format: 'generic' },
  'logfile_haproxy.0': { format: 'syslog' },
  // One line is not JSON.
  'logfile_invalid_json.json': { format: 'json', unparsed: 1 },
  'logfile_invalid_utf8.0': { format: 'generic' },
  'logfile_java.0': { format: 'generic' },
  'logfile_journald.json': { format: 'journald-json' },
  // One line is not JSON.
  'logfile_json.json': { format: 'json', unparsed: 1 },
  'logfile_json2.json': { format: 'json' },
  'logfile_json3.json': { format: 'json' },
  'logfile_leveltest.0': { format: 'generic' },
  'logfile_logfmt.0': { format: 'logfmt' },
  'logfile_multiline.0': { format: 'generic' },
  // OTLP batches (many records per line) are left to an OTLP reader.
  'logfile_otel_collector.jsonl': { format: undefined },
  'logfile_pino.0': { format: 'json' },
  'logfile_plain.0': { format: undefined },
  'logfile_postgres.0': { format: 'postgres' },
  'logfile_postgres.1': { format: 'postgres' },
  'logfile_postgres.2': { format: 'postgres' },
  'logfile_rust_tracing.0': { format: 'json' },
  'logfile_syslog.0': { format: 'syslog' },
  'logfile_syslog.1': { format: 'syslog' },
  'logfile_syslog.2': { format: 'syslog' },
  'logfile_syslog.3': { format: 'syslog' },
  'logfile_w3c.0': { format: 'w3c' },
  'logfile_with_zones.0': { format: 'syslog5424' },
  'logfile_zap_console.0': { format: 'generic' },
};

interface Read {
  events: LogEvent[];
  summary: SourceSummary;
}

async function read(name: string): Promise<Read> {
  const opened = readSource({ name, path: join(dir, name) });
  const events: LogEvent[] = [];
  for await (const batch of opened.events) events.push(...batch);
  return { events, summary: opened.summary };
}

const iso = (ms: number): string => new Date(ms).toISOString();
const present = existsSync(dir);

(present ? describe : describe.skip)(
  present ? `lnav fixtures in ${dir}` : `lnav fixtures: folder ${dir} is missing`,
  () => {
    const files = present ? readdirSync(dir).sort() : [];
    const results = new Map<string, Read>();

    beforeAll(async () => {
      for (const f of files) results.set(f, await read(f));
    });

    it('has a decision for every sample', () => {
      expect(files.filter((f) => EXPECTED[f] === undefined)).toEqual([]);
    });

    for (const file of files) {
      const expected = EXPECTED[file];
      if (expected === undefined) continue;
      it(`${file} → ${expected.format ?? 'not detected'}`, () => {
        const { events, summary } = results.get(file)!;
        expect(summary.format).toBe(expected.format);
        if (expected.format === undefined) {
          expect(events).toEqual([]);
          return;
        }
        expect(events.length).toBeGreaterThan(0);
        for (const e of events) expect(Number.isFinite(e.ts), `line ${e.line}`).toBe(true);
        expect(summary.unparsed).toBeLessThanOrEqual(expected.unparsed ?? 0);
      });
    }

    // Times worked out by hand from the files.
    it('reads the times as written', () => {
      const first = (file: string) => results.get(file)!.events[0]!;
      // `[20/Jul/2009:22:59:26 +0000]`
      expect(iso(first('logfile_access_log.0').ts)).toBe('2009-07-20T22:59:26.000Z');
      // "__REALTIME_TIMESTAMP" : "1534860261221373" (µs)
      expect(iso(first('logfile_journald.json').ts)).toBe('2018-08-21T14:04:21.221Z');
      // `caddy  | {"level":"info","ts":1761019822.3152757,…}`
      const caddy = first('logfile_caddy_log.0');
      expect(iso(caddy.ts)).toBe('2025-10-21T04:10:22.315Z');
      expect(caddy.attrs).toMatchObject({ container: 'caddy', service: 'caddy' });
      // `redis-1  | 1:C 25 Apr 2024 05:32:35.018 * oO0OoO0OoO0Oo Redis is starting …` (UTC)
      const redis = results
        .get('logfile_docker_compose.0')!
        .events.filter((e) => e.attrs.service === 'redis');
      expect(iso(redis[0]!.ts)).toBe('2024-04-25T05:32:35.018Z');
      expect(redis[0]!.attrs).toMatchObject({ pid: 1, role: 'child', container: 'redis-1' });
      // `1:signal-handler (1714024483) Received SIGTERM scheduling shutdown...`
      expect(redis.find((e) => e.attrs.role === 'signal-handler')?.ts).toBe(1714024483000);
      // `2025-08-13 01:45:01.123 PDT`: UTC−7
      expect(iso(first('logfile_postgres.0').ts)).toBe('2025-08-13T08:45:01.123Z');
      // `#Date: 2002-05-02 17:42:15` starts the header entry; the request has the same time.
      const w3c = results.get('logfile_w3c.0')!.events;
      expect(w3c.map((e) => [e.line, e.level, iso(e.ts)])).toEqual([
        [1, 'notice', '2002-05-02T17:42:15.000Z'],
        [5, 'info', '2002-05-02T17:42:15.000Z'],
      ]);
      expect(w3c[1]!.attrs).toMatchObject({
        clientIp: '172.22.255.255',
        method: 'GET',
        path: '/images/picture.jpg',
        status: 200,
        userAgent: 'Mozilla/4.0 (compatible;MSIE 5.5; Windows 2000 Server)',
      });
    });

    it('reads every line of the caddy sample as a compose entry', () => {
      const { events, summary } = results.get('logfile_caddy_log.0')!;
      expect(summary.entries).toBe(39);
      expect(summary.unparsed).toBe(0);
      expect(events.filter((e) => e.level === 'warn')).toHaveLength(9);
    });
  },
);
