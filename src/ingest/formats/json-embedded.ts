/** Lines embedded in container runtime records (docker json-file, CRI, kubectl): inner parse, joins. */
import type { Attrs } from '../../core/event.js';
import type { LogFormat, ParseContext, ParsedEntry } from '../format.js';

/** The outer record's time and attributes (stream, pod, container). */
export interface OuterRecord {
  ts: number;
  tsText: string;
  zoned: boolean;
  attrs: Attrs;
  /** Records with the same key belong to one writer (a stream of one container). */
  key: string;
  /**
   * Writers that share this key write their lines in one format (the replicas of a compose
   * service); the format for embedded lines is chosen per this key, `key` by default.
   */
  formatKey?: string;
}

interface Open {
  /** The entry handed to the assembler for the first piece; completed in place. */
  entry: ParsedEntry;
  text: string;
  parts: number;
}

interface Last {
  entry: ParsedEntry;
  key: string;
  lines: number;
}

const OPEN = 'embedded.open';
const LAST = 'embedded.last';
// Runtimes split long lines at 16 kB: a joined line stops growing past these.
const MAX_PARTS = 64;
const MAX_JOINED = 1 << 20;
// Writers with a partial line open at once; past this the oldest open line is given up (it is
// already an entry of its own), so hostile input cannot hold many megabyte lines.
const MAX_OPEN = 64;
const MAX_CONTINUATION_LINES = 1000;
// Lines that continue a stack trace without indentation (Java, Python).
const TRACE_START =
  /^(?:Caused by: |Traceback \(most recent call last\):|During handling of the above exception|[a-z][\w$]*(?:\.[\w$]+)+(?:Exception|Error)(?::|$))/;

function openMap(ctx: ParseContext): Map<string, Open> {
  let m = ctx.state[OPEN] as Map<string, Open> | undefined;
  if (m === undefined) {
    m = new Map();
    ctx.state[OPEN] = m;
  }
  return m;
}

/** Call when a line is not a record, so that nothing attaches across it. */
export function forgetEmbedded(ctx: ParseContext): void {
  ctx.state[LAST] = undefined;
}

function continuation(outer: OuterRecord, text: string): ParsedEntry {
  return { ts: outer.ts, tsText: outer.tsText, zoned: outer.zoned, message: text, continues: true };
}

/** Inner level, message and attributes under the outer time; the outer attributes win. */
function innerEntry(outer: OuterRecord, text: string, inner: ParsedEntry | null): ParsedEntry {
  const base = { ts: outer.ts, tsText: outer.tsText, zoned: outer.zoned };
  if (inner === null) return { ...base, level: 'info', message: text, attrs: { ...outer.attrs } };
  const attrs = inner.attrs ?? {};
  Object.assign(attrs, outer.attrs);
  return {
    ...base,
    level: inner.level ?? 'info',
    message: inner.message.length > 0 ? inner.message : text,
    attrs,
  };
}

/**
 * The entry for one record. A partial record (docker: `log` without `\n`; CRI: tag `P`) opens an
 * entry that the writer's next records continue; when the last piece arrives the whole line is
 * read again for level, attributes and message (the raw records stay one per line).
 * A line that no inner format reads and that looks like part of a stack trace (indented, `Caused
 * by:`, `pkg.SomeException: …`) continues the writer's entry before it.
 */
export function embeddedEntry(
  ctx: ParseContext,
  outer: OuterRecord,
  text: string,
  partial: boolean,
): ParsedEntry {
  const opened = openMap(ctx);
  const last = ctx.state[LAST] as Last | undefined;
  const open = opened.get(outer.key);
  if (open !== undefined) {
    opened.delete(outer.key);
    // Another writer's entry came in between, or the line is runaway: start afresh.
    if (last?.entry === open.entry && open.parts < MAX_PARTS && open.text.length < MAX_JOINED) {
      open.text += text;
      open.parts++;
      if (partial) {
        opened.set(outer.key, open);
        return continuation(outer, '');
      }
      return { ...continuation(outer, complete(ctx, outer, open)), completes: true };
    }
  }
  if (partial) {
    const entry: ParsedEntry = {
      ts: outer.ts,
      tsText: outer.tsText,
      zoned: outer.zoned,
      level: 'info',
      message: text,
      attrs: { ...outer.attrs },
    };
    if (opened.size >= MAX_OPEN) opened.delete(opened.keys().next().value!);
    opened.set(outer.key, { entry, text, parts: 1 });
    ctx.state[LAST] = { entry, key: outer.key, lines: 0 } satisfies Last;
    return entry;
  }
  const inner = text.length > 0 ? ctx.parseInner(text, outer.formatKey ?? outer.key) : null;
  const c = text.charCodeAt(0);
  const attaches =
    last !== undefined &&
    last.key === outer.key &&
    last.lines < MAX_CONTINUATION_LINES &&
    (inner === null ? c === 32 || c === 9 || TRACE_START.test(text) : inner.continues === true);
  if (attaches) {
    last.lines++;
    return continuation(outer, inner !== null && inner.message.length > 0 ? inner.message : text);
  }
  const entry = innerEntry(outer, text, inner);
  ctx.state[LAST] = { entry, key: outer.key, lines: 0 } satisfies Last;
  return entry;
}

/** Reads the joined line again; returns the entry's message. */
function complete(ctx: ParseContext, outer: OuterRecord, open: Open): string {
  const inner = ctx.parseInner(open.text, outer.formatKey ?? outer.key);
  if (inner === null) return open.text;
  const e = open.entry;
  if (inner.level !== undefined) e.level = inner.level;
  const attrs = (e.attrs ??= {});
  for (const k in inner.attrs) if (attrs[k] === undefined) attrs[k] = inner.attrs[k];
  return inner.message.length > 0 ? inner.message : open.text;
}

/** One record of a format that embeds another line: its outer time and attributes, and the line. */
/**
 * The line as parsed JSON when it is one object opening with `opening` (the writer's first key),
 * else undefined: the check before JSON.parse spares the exception for the usual other lines.
 */
export function parseRecordLine(line: string, opening: string): unknown {
  if (!line.startsWith(opening) || line.charCodeAt(line.length - 1) !== 125) return undefined;
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

export interface EmbeddingRecord {
  outer: OuterRecord;
  text: string;
  partial: boolean;
}

// What the shape-only detector answers: detection needs a yes, not an entry.
const SHAPE_OK: ParsedEntry = { ts: 0, tsText: '', zoned: true, message: '' };

/**
 * The parse of a format whose records embed another line (docker json-file, kubectl/CRI), and a
 * shape-only reader for its detection: no inner parsing, no joining state.
 */
export function embeddingFormat(
  readRecord: (line: string, ctx: ParseContext) => EmbeddingRecord | undefined,
): {
  parse: LogFormat['parse'];
  shape: Pick<LogFormat, 'parse' | 'multiline'>;
} {
  return {
    parse(line, ctx) {
      const r = readRecord(line, ctx);
      if (r === undefined) {
        forgetEmbedded(ctx);
        return null;
      }
      return embeddedEntry(ctx, r.outer, r.text, r.partial);
    },
    shape: {
      multiline: false,
      parse: (line, ctx) => (readRecord(line, ctx) === undefined ? null : SHAPE_OK),
    },
  };
}
