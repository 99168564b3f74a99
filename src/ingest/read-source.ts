/** Reads one source: detect its format from a sample, then stream its events in batches. */
import type { LogEvent } from '../core/event.js';
import { diagnostic } from '../core/diagnostic.js';
import { resolveZone, UTC, type Zone } from '../core/zone.js';
import { Assembler } from './assemble.js';
import { detectFormat } from './detect.js';
import { compileFilter, type EventFilter } from './filter.js';
import type { LogFormat } from './format.js';
import { formatById, INNER_FORMATS } from './formats/index.js';
import { withJsonDocuments } from './json-document.js';
import { checkedLazy } from './lazy.js';
import { createParseContext } from './parse-context.js';
import {
  LineSplitter,
  looksBinary,
  openGitLog,
  openInput,
  readFailure,
  type LineBatch,
} from './read-lines.js';
import { completeSummary, emptySummary, type SourceSpec, type SourceSummary } from './source.js';

export interface ReadOptions {
  filter?: EventFilter;
  /** Called with the bytes read so far from disk, for progress bars. */
  onProgress?: (bytes: number) => void;
  /** Events per batch handed to the consumer. */
  batchSize?: number;
  /**
   * The consumer needs only times and levels (counting, time ranges): formats that support it
   * skip messages and attributes (see ParseContext.lazy). Events then have empty messages.
   */
  lazy?: boolean;
}

export interface OpenedSource {
  /** Filled in as the events are read; complete once `events` is exhausted. */
  summary: SourceSummary;
  events: AsyncIterable<LogEvent[]>;
}

const SAMPLE_BYTES = 64 * 1024;
// Entries of an unordered format (see LogFormat.unordered) held for sorting, at most.
const MAX_HELD = 200_000;
const SAMPLE_LINES = 200;

/** Opens a source for reading; never throws: failures land in `summary.diagnostics`. */
export function readSource(spec: SourceSpec, options: ReadOptions = {}): OpenedSource {
  const summary = emptySummary(spec);
  return { summary, events: readEvents(spec, summary, options) };
}

async function* readEvents(
  spec: SourceSpec,
  summary: SourceSummary,
  options: ReadOptions,
): AsyncGenerator<LogEvent[]> {
  let zone: Zone = UTC;
  if (spec.tz !== undefined) {
    const z = resolveZone(spec.tz);
    if (!z) {
      summary.skipped = `unknown time zone "${spec.tz}"`;
      summary.diagnostics.push(
        diagnostic(
          'ingest/unknown-zone',
          spec.path,
          'error',
          `unknown time zone "${spec.tz}": expected an IANA name such as Europe/Berlin, UTC or an offset such as +02:00`,
        ),
      );
      return;
    }
    zone = z;
  }
  summary.zone = zone.name;
  let input: AsyncIterable<Buffer>;
  let mtime = new Date();
  let stderr: (() => string) | undefined;
  let forcedFormat = spec.format;
  let jsonDocument = false;
  if (spec.kind === 'git') {
    const git = openGitLog(spec.path, options.filter?.since, options.filter?.until);
    input = git.stdout;
    stderr = git.stderr;
    forcedFormat ??= 'git-log';
  } else {
    try {
      const opened = await openInput(spec.path);
      // Exports of one JSON document list records in the order their API answered (Cloud
      // Logging: newest first): they are sorted like unordered formats.
      input = withJsonDocuments(opened.stream, spec.path, summary.diagnostics, () => {
        jsonDocument = true;
      });
      mtime = opened.mtime;
      summary.gzip = opened.gzip;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      summary.skipped = e.code === 'ENOENT' ? 'not found' : `unreadable (${e.code ?? e.message})`;
      summary.diagnostics.push(
        diagnostic(
          'ingest/unreadable',
          spec.path,
          'error',
          `cannot read ${spec.path}: ${e.message}`,
          { cause: err },
        ),
      );
      return;
    }
  }

  const splitter = new LineSplitter();
  splitter.onTruncate = (line, offset) => {
    if (summary.truncatedLines < 5) {
      summary.diagnostics.push(
        diagnostic(
          'ingest/line-too-long',
          spec.path,
          'warning',
          `line ${line} is longer than 1 MiB; kept its first 1 MiB`,
          {
            place: { line, column: 1, offset },
          },
        ),
      );
    }
  };
  const batchSize = options.batchSize ?? 4096;
  const accept = compileFilter(options.filter ?? {});
  let out: LogEvent[] = [];
  const ctxOptions = { zone, reference: mtime, innerFormats: INNER_FORMATS };
  const ctx = createParseContext(ctxOptions);
  if (spec.bootTime !== undefined) ctx.state.bootTimeMs = spec.bootTime;
  let asm: Assembler | undefined;
  let format: LogFormat | undefined;
  const pending: LineBatch[] = [];
  let sampleBytes = 0;
  let rawRead = 0;

  // Unordered formats are sorted at the end; their events wait here (up to a limit).
  let held: LogEvent[] | undefined;
  let uptimeWarned = false;
  const shift = spec.clockOffsetMs ?? 0;
  const emit = (e: LogEvent): void => {
    if (shift !== 0) e.ts += shift;
    if (!uptimeWarned && e.attrs.clock === 'uptime') {
      uptimeWarned = true;
      summary.diagnostics.push(
        diagnostic(
          'ingest/uptime-clock',
          spec.path,
          'warning',
          `times in ${spec.path} are seconds since boot, placed after 1970-01-01; give the boot time (boot_time: in aftermath.yaml) to place them`,
          { place: { line: e.line, column: 1 } },
        ),
      );
    }
    if (accept === undefined || accept(e)) {
      if (held !== undefined && held.length < MAX_HELD) held.push(e);
      else out.push(e);
      summary.emitted++;
    }
  };
  // Hands over a batch as soon as it is full, not once per chunk read: a chunk holds thousands of
  // lines, and every event of a batch (and what a consumer makes of it) stays alive until it is used.
  function* feed(batch: LineBatch): Generator<LogEvent[]> {
    const { lines, offsets } = batch;
    let n = batch.firstLine;
    for (let i = 0; i < lines.length; i++) {
      asm!.push(lines[i]!, n++, offsets[i]!);
      if (out.length >= batchSize) {
        const full = out;
        out = [];
        yield full;
      }
    }
  }
  // Decides the format from what has been buffered; false when the source is to be skipped.
  const start = (firstChunk: Buffer | undefined): boolean => {
    if (firstChunk && looksBinary(firstChunk)) {
      summary.skipped = 'binary file';
      summary.diagnostics.push(
        diagnostic(
          'ingest/binary-file',
          spec.path,
          'warning',
          `${spec.path} looks like binary data; skipped`,
        ),
      );
      return false;
    }
    if (forcedFormat !== undefined) {
      format = formatById(forcedFormat);
      if (!format) {
        summary.skipped = `unknown format "${forcedFormat}"`;
        summary.diagnostics.push(
          diagnostic(
            'ingest/unknown-format',
            spec.path,
            'error',
            `unknown format "${forcedFormat}"; run \`aftermath formats\` for the list`,
          ),
        );
        return false;
      }
      summary.confidence = 1;
    } else {
      const sample: string[] = [];
      for (const b of pending) {
        for (const l of b.lines) {
          if (l.trim().length > 0) sample.push(l.endsWith('\r') ? l.slice(0, -1) : l);
          if (sample.length >= SAMPLE_LINES) break;
        }
        if (sample.length >= SAMPLE_LINES) break;
      }
      const detection = detectFormat(sample, createParseContext(ctxOptions));
      if (detection.runnerUp)
        summary.runnerUp = {
          format: detection.runnerUp.format.id,
          confidence: detection.runnerUp.confidence,
        };
      format = detection.format;
      summary.confidence = detection.confidence;
      if (!format) {
        summary.skipped =
          sample.length === 0 ? 'empty' : 'not a recognised log (no timestamps found)';
        if (sample.length > 0) {
          summary.diagnostics.push(
            diagnostic(
              'ingest/unknown-format',
              spec.path,
              'warning',
              `no known log format matches ${spec.path}; force one with --log-format (see \`aftermath formats\`)`,
            ),
          );
        }
        return false;
      }
    }
    summary.format = format.id;
    if (format.unordered || jsonDocument) held = [];
    const reader = options.lazy && format.lazy ? checkedLazy(format, ctx) : format;
    asm = new Assembler(reader, ctx, spec.name, spec.path, emit);
    return true;
  };

  let firstChunk: Buffer | undefined;
  let started = false;
  let skip = false;
  try {
    for await (const chunk of input) {
      rawRead += chunk.length;
      if (skip) continue;
      if (!started) {
        // Chunks are reused by the reader: keep a copy of the start for the binary check.
        firstChunk ??= Buffer.from(chunk.subarray(0, 8192));
        pending.push(splitter.push(chunk));
        sampleBytes += chunk.length;
        if (sampleBytes < SAMPLE_BYTES) continue;
        started = true;
        if (!start(firstChunk)) {
          skip = true;
          if (spec.kind === 'git' || spec.path === '-') continue; // drain the pipe
          break;
        }
        for (const b of pending.splice(0)) yield* feed(b);
      } else yield* feed(splitter.push(chunk));
      options.onProgress?.(rawRead);
    }
  } catch (err) {
    summary.diagnostics.push(
      readFailure(spec.path, err, splitter.bytes, splitter.push(Buffer.alloc(0)).firstLine),
    );
  }
  if (!started && !skip) {
    started = true;
    // A short file's last line may have no newline after it (a one-line file written with
    // `echo -n`, a minified JSON document): it belongs in the sample.
    pending.push(splitter.end());
    if (!start(firstChunk)) skip = true;
    else for (const b of pending.splice(0)) yield* feed(b);
  }
  if (!skip && asm) {
    yield* feed(splitter.end());
    asm.end();
  }
  summary.bytes = splitter.bytes;
  options.onProgress?.(rawRead);
  if (stderr) {
    const text = stderr().trim();
    if (text.length > 0) {
      summary.diagnostics.push(
        diagnostic(
          'ingest/git-failed',
          spec.path,
          'error',
          `git log failed: ${text.split('\n')[0]}`,
        ),
      );
    }
  }
  if (asm) completeSummary(summary, asm.stats, spec, splitter.truncated);
  if (held !== undefined) {
    // Stable sort: entries with equal times keep the file's order.
    held.sort((a, b) => a.ts - b.ts);
    out = held.concat(out);
    summary.firstTs = summary.minTs;
    summary.lastTs = summary.maxTs;
    if (summary.outOfOrder > 0) {
      summary.diagnostics = summary.diagnostics.filter((d) => d.ruleId !== 'ingest/out-of-order');
      summary.diagnostics.push(
        diagnostic(
          'ingest/sorted',
          spec.path,
          'info',
          `${summary.format} lists entries out of time order; sorted ${held.length} entries by time`,
        ),
      );
      summary.outOfOrder = 0;
    }
  }
  if (out.length > 0) yield out;
}
