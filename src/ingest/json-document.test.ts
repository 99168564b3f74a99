import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../core/diagnostic.js';
import type { LogEvent } from '../core/event.js';
import { jsonDocumentLines, looksLikeJsonDocument, recordsOf } from './json-document.js';
import { readSource } from './read-source.js';

const head = (text: string) => looksLikeJsonDocument(Buffer.from(text));

describe('looksLikeJsonDocument', () => {
  it('takes pretty-printed documents and CloudTrail files, not JSON lines', () => {
    expect(head('[\n  {\n    "timestamp": "2026-11-22T19:40:42Z"')).toBe(true);
    expect(head('\ufeff{\r\n    "events": [')).toBe(true);
    expect(head('  {  \n "a": 1')).toBe(true);
    expect(head('{"Records":[{"eventVersion":"1.08"')).toBe(true);
    expect(head('{"Records": [{"eventVersion": "1.08"')).toBe(true);
    expect(head('{"events": [{"timestamp": 1795376442584')).toBe(true);
    expect(head('{"time": "2026-11-22T19:40:42Z", "events": []}\n')).toBe(false);
    expect(head('{"level":"info","time":"2026-11-22T19:40:42Z","msg":"up"}\n{"level":')).toBe(
      false,
    );
    // amtool's one-line alert arrays stay with the Alertmanager reader.
    expect(head('[{"labels":{"alertname":"X"},"startsAt":"2026-11-22T19:40:42Z"}]\n')).toBe(false);
    expect(head('2026-11-22T19:40:42Z INFO up\n')).toBe(false);
  });
});

describe('recordsOf', () => {
  it('finds the records of the exports it knows', () => {
    expect(recordsOf([{ a: 1 }])?.records).toEqual([{ a: 1 }]);
    expect(recordsOf({ Records: [{ eventName: 'X' }] })?.at).toBe('"Records"');
    expect(recordsOf({ events: [{ message: 'm' }], searchedLogStreams: [] })?.records).toEqual([
      { message: 'm' },
    ]);
    // Search hits give their document.
    expect(
      recordsOf({ hits: { total: 1, hits: [{ _id: '1', _source: { message: 'm' } }] } })?.records,
    ).toEqual([{ message: 'm' }]);
    // Logs Insights rows are lists of fields: each becomes one object.
    expect(
      recordsOf({
        results: [
          [
            { field: '@timestamp', value: '2026-11-22 19:40:42.584' },
            { field: '@message', value: 'm' },
          ],
        ],
        status: 'Complete',
      })?.records,
    ).toEqual([{ '@timestamp': '2026-11-22 19:40:42.584', '@message': 'm' }]);
    expect(recordsOf({ status: 'ok' })).toBeUndefined();
    expect(recordsOf('text')).toBeUndefined();
  });
});

async function collect(gen: AsyncIterable<Buffer>): Promise<string> {
  let out = '';
  for await (const b of gen) out += b.toString();
  return out;
}

async function* chunks(text: string, size = 7): AsyncGenerator<Buffer> {
  for (let i = 0; i < text.length; i += size) yield Buffer.from(text.slice(i, i + size));
}

describe('jsonDocumentLines', () => {
  it('hands on one JSON line per record, blank where an element is not an object', async () => {
    const notes: Diagnostic[] = [];
    const text = await collect(
      jsonDocumentLines(chunks('{"events":[{"m":1},\n 2,\n {"m":3}]}'), 'x.json', notes),
    );
    expect(text).toBe('{"m":1}\n\n{"m":3}\n');
    expect(notes.map((n) => n.ruleId)).toEqual([
      'ingest/json-document',
      'ingest/json-document-skipped',
    ]);
    expect(notes[0]!.message).toContain('3 records from "events"');
  });

  it('refuses what it cannot read, saying why', async () => {
    await expect(collect(jsonDocumentLines(chunks('[\n{"a":'), 'x.json', []))).rejects.toThrow(
      /x\.json looks like a JSON document but does not parse/,
    );
    await expect(collect(jsonDocumentLines(chunks('{\n"a": 1}'), 'x.json', []))).rejects.toThrow(
      /without a list of records/,
    );
    await expect(
      collect(jsonDocumentLines(chunks('[\n' + ' '.repeat(200) + ']'), 'x.json', [], 100)),
    ).rejects.toThrow(/larger than .*jq -c/);
  });
});

describe('readSource on JSON documents', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftermath-jsondoc-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function read(name: string, text: string | Buffer) {
    const path = join(dir, name);
    await writeFile(path, text);
    const opened = readSource({ name, path });
    const events: LogEvent[] = [];
    for await (const b of opened.events) events.push(...b);
    return { events, summary: opened.summary };
  }

  it('reads a Cloud Logging export, newest first as gcloud writes it, in time order', async () => {
    const doc = JSON.stringify(
      [
        {
          jsonPayload: { message: 'connection pool exhausted' },
          severity: 'ERROR',
          timestamp: '2026-11-22T19:40:42.584Z',
        },
        { textPayload: 'GET /api/cart 200', severity: 'INFO', timestamp: '2026-11-22T19:40:41Z' },
      ],
      null,
      2,
    );
    const { events, summary } = await read('gcloud.json', doc);
    expect(summary.format).toBe('json');
    expect(events.map((e) => [e.line, e.level, e.message])).toEqual([
      [2, 'info', 'GET /api/cart 200'],
      [1, 'error', 'connection pool exhausted'],
    ]);
    expect(summary.diagnostics.map((d) => d.ruleId)).toContain('ingest/json-document');
  });

  it('reads gzipped CloudTrail files and CloudWatch exports', async () => {
    const trail = gzipSync(
      JSON.stringify({
        Records: [
          {
            eventTime: '2026-11-22T19:39:58Z',
            eventSource: 'rds.amazonaws.com',
            eventName: 'ModifyDBInstance',
          },
        ],
      }),
    );
    const ct = await read('trail.json.gz', trail);
    expect(ct.events).toHaveLength(1);
    expect(ct.events[0]!.attrs.eventName).toBe('ModifyDBInstance');
    const cw = await read(
      'cw.json',
      JSON.stringify(
        { events: [{ timestamp: 1795376442584, message: 'pool exhausted', logStreamName: 's' }] },
        null,
        4,
      ),
    );
    expect(new Date(cw.events[0]!.ts).toISOString()).toBe('2026-11-22T19:40:42.584Z');
    expect(cw.events[0]!.message).toBe('pool exhausted');
  });

  it('turns a broken document into a diagnostic naming the file, and leaves JSON lines alone', async () => {
    const broken = await read('broken.json', '[\n  {"timestamp": "2026-11-22T19:40:42Z",\n');
    expect(broken.events).toEqual([]);
    expect(broken.summary.diagnostics.some((d) => /does not parse/.test(d.message))).toBe(true);
    const lines = await read(
      'lines.json',
      '{"time":"2026-11-22T19:40:42Z","level":"warn","msg":"a"}\n{"time":"2026-11-22T19:40:43Z","level":"info","msg":"b"}\n',
    );
    expect(lines.events.map((e) => [e.line, e.message])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(lines.summary.diagnostics.map((d) => d.ruleId)).not.toContain('ingest/json-document');
  });
});
