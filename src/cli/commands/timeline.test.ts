import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openTimeline } from '../../ingest/timeline.js';
import { eventToJsonl } from '../../render/timeline.js';
import { Output } from '../io.js';
import { streamRows } from './timeline.js';

const dir = mkdtempSync(join(tmpdir(), 'aftermath-timeline-'));

/** A stream that keeps a copy of every chunk: the writer reuses its buffers once told they are written. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(Buffer.from(chunk));
      // Asynchronous, like a pipe: buffers stay in flight for a while.
      setImmediate(done);
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('streamRows', () => {
  it('writes the merged rows byte for byte, across many reused output buffers', async () => {
    const access = join(dir, 'access.log');
    const app = join(dir, 'app.log');
    const n = 6000;
    const two = (i: number) => String(i).padStart(2, '0');
    const at = (i: number) =>
      `${two(Math.floor(i / 3600) % 24)}:${two(Math.floor(i / 60) % 60)}:${two(i % 60)}`;
    writeFileSync(
      access,
      Array.from(
        { length: n },
        (_, i) =>
          `10.0.0.${i % 250} - - [22/Nov/2026:${at(i)} +0000] "GET /item/${i}?q=${'é'.repeat(i % 40)} HTTP/1.1" ${i % 13 === 0 ? 503 : 200} 12 "-" "curl/8"`,
      ).join('\n') + '\n',
    );
    writeFileSync(
      app,
      Array.from(
        { length: n },
        (_, i) =>
          `{"time":"2026-11-22T${at(i + 1)}.500Z","level":"${i % 7 === 0 ? 'error' : 'info'}","msg":"request ${i} ${'x'.repeat(i % 300)}","req_id":"r${i}"}`,
      ).join('\n') + '\n',
    );
    const got = collector();
    const result = await streamRows(
      [access, app],
      { filter: {} },
      { format: 'jsonl', sourceWidth: 0, colour: false },
      new Output(got.stream),
    );
    expect(result.rows).toBe(2 * n);
    const timeline = await openTimeline([access, app]);
    let want = '';
    for await (const batch of timeline.events)
      for (const e of batch) want += eventToJsonl(e) + '\n';
    expect(Buffer.byteLength(want)).toBeGreaterThan(3 << 20);
    expect(got.text()).toBe(want);
  });
});
