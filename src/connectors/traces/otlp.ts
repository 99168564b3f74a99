/** `otlp`: spans from OTLP/JSON files (the collector's `file` exporter, gzip too), one file or a folder. */
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { diagnostic } from '../../core/diagnostic.js';
import { AftermathError, ConfigError } from '../../errors.js';
import { defineConnector, type CollectContext } from '../connector.js';
import { otlpSpans } from './otlp-parse.js';
import { SortedSink } from './sorted-sink.js';
import { inWindow, spanKey, spanRecord } from './span.js';

const Options = z.strictObject({
  /** A file, or a folder read recursively, relative to the working directory. */
  path: z.string().min(1),
});
type Options = z.infer<typeof Options>;

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

async function filesOf(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new ConfigError(
      `otlp: path ${path} does not exist; expected an OTLP/JSON file or folder`,
    );
  }
  if (info.isFile()) return [path];
  const out: string[] = [];
  for (const e of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && !e.name.startsWith('.')) out.push(join(e.parentPath, e.name));
  }
  return out.sort();
}

async function readFile(
  ctx: CollectContext,
  file: string,
  sink: SortedSink,
): Promise<{ lines: number; unreadable: number; firstBad?: number }> {
  const raw = createReadStream(file);
  const input = (await isGzip(file)) ? raw.pipe(createGunzip()) : raw;
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  let unreadable = 0;
  let firstBad: number | undefined;
  try {
    for await (const line of rl) {
      n++;
      ctx.signal.throwIfAborted();
      if (line.trim() === '') continue;
      let spans;
      try {
        spans = otlpSpans(JSON.parse(line)).spans;
      } catch {
        unreadable++;
        firstBad ??= n;
        continue;
      }
      for (const s of spans) {
        if (inWindow(s, ctx.window)) sink.add(s.startUs, spanRecord(s), spanKey(s));
      }
    }
  } finally {
    rl.close();
    raw.destroy();
  }
  return { lines: n, unreadable, ...(firstBad !== undefined ? { firstBad } : {}) };
}

export const otlp = defineConnector<Options>({
  id: 'otlp',
  description:
    'spans from OTLP/JSON files as the OpenTelemetry collector file exporter writes them',
  options: Options,
  describe: (o) => `otlp ${o.path}`,
  async collect(ctx, o) {
    const sink = new SortedSink(ctx, 'spans.jsonl');
    try {
      for (const file of await filesOf(resolve(ctx.caseDir, o.path))) {
        let r;
        try {
          r = await readFile(ctx, file, sink);
        } catch (err) {
          // Only file-system and gzip errors (with an errno-style code) end one file; the item
          // limit and an abort end the source.
          const code = (err as NodeJS.ErrnoException).code;
          if (ctx.signal.aborted || err instanceof AftermathError || typeof code !== 'string')
            throw err;
          ctx.gap(`${file}: cannot read: ${(err as Error).message}`);
          continue;
        }
        if (r.unreadable > 0) {
          ctx.report(
            diagnostic(
              'collect/otlp-unreadable',
              file,
              'warning',
              `${file}: ${r.unreadable} of ${r.lines} lines are not OTLP/JSON trace batches (first at line ${r.firstBad}); skipped`,
              { place: { line: r.firstBad ?? 1, column: 1 } },
            ),
          );
        }
      }
    } finally {
      await sink.write();
    }
  },
});
