/** Turns a file's lines into events: entries, their continuation lines, unparsed lines — none lost. */
import type { LogEvent } from '../core/event.js';
import type { LogFormat, ParseContext, ParsedEntry } from './format.js';

export interface AssembleStats {
  lines: number;
  blank: number;
  /** Lines that started an entry. */
  entries: number;
  /** Lines attached to the entry before them (stack traces, DETAIL:, …). */
  continuations: number;
  /** Lines no parser read; kept as events carrying the previous entry's time. */
  unparsed: number;
  /** Entries whose time is earlier than the entry before them (kept in place). */
  outOfOrder: number;
  /** Unparsed lines before the first timestamp that could not be held (see LEADING_LIMIT). */
  dropped: number;
  firstTs: number;
  lastTs: number;
  minTs: number;
  maxTs: number;
  /** Entries whose timestamp carried a zone. */
  zoned: number;
}

export function emptyStats(): AssembleStats {
  return {
    lines: 0,
    blank: 0,
    entries: 0,
    continuations: 0,
    unparsed: 0,
    outOfOrder: 0,
    dropped: 0,
    firstTs: NaN,
    lastTs: NaN,
    minTs: Infinity,
    maxTs: -Infinity,
    zoned: 0,
  };
}

interface Pending {
  entry: ParsedEntry;
  line: number;
  offset: number;
  endLine: number;
  raw: string;
  message: string;
  unparsed: boolean;
}

// An entry stops growing past these, so memory does not follow a runaway continuation.
const MAX_ENTRY_CHARS = 1 << 20;
const MAX_ENTRY_LINES = 5000;
// Unparsed lines before the first timestamp wait for it, up to this many.
const LEADING_LIMIT = 10_000;

export class Assembler {
  readonly stats: AssembleStats = emptyStats();
  private pending: Pending | undefined;
  private leading: Pending[] = [];
  private lastTs = NaN;

  constructor(
    private readonly format: LogFormat,
    private readonly ctx: ParseContext,
    private readonly source: string,
    private readonly file: string,
    /** Receives each finished event, in file order. */
    private readonly emit: (event: LogEvent) => void,
  ) {}

  /** One line without its line terminator (a trailing `\r` is removed here). */
  push(text: string, line: number, offset: number): void {
    const s = this.stats;
    s.lines++;
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    if (text.length === 0 || isBlank(text)) {
      s.blank++;
      return;
    }
    let entry: ParsedEntry | null;
    try {
      entry = this.format.parse(text, this.ctx);
    } catch {
      entry = null;
    }
    const p = this.pending;
    if (entry !== null && entry.continues === true && p !== undefined) {
      s.continuations++;
      if (entry.completes === true) {
        p.raw += '\n' + text;
        p.message = entry.message;
        p.entry.message = entry.message;
      } else if (entry.message.length > 0) this.append(p, text, entry.message);
      else this.append(p, text, undefined);
      if (entry.attrs) {
        for (const [k, v] of Object.entries(entry.attrs))
          if (p.entry.attrs?.[k] === undefined) (p.entry.attrs ??= {})[k] = v;
      }
      p.endLine = line;
      return;
    }
    if (entry !== null) {
      this.flush();
      s.entries++;
      this.pending = {
        entry,
        line,
        offset,
        endLine: line,
        raw: text,
        message: entry.message,
        unparsed: false,
      };
      return;
    }
    if (
      p !== undefined &&
      this.format.multiline &&
      p.raw.length < MAX_ENTRY_CHARS &&
      p.endLine - p.line < MAX_ENTRY_LINES
    ) {
      s.continuations++;
      this.append(p, text, text);
      p.endLine = line;
      this.format.amend?.(p.entry, text, this.ctx);
      return;
    }
    // Not an entry and nothing to continue (or the entry is full): keep it as an unparsed event.
    this.flush();
    s.unparsed++;
    this.pending = {
      entry: { ts: NaN, tsText: '', zoned: false, message: text },
      line,
      offset,
      endLine: line,
      raw: text,
      message: text,
      unparsed: true,
    };
  }

  /** Emits what is pending; call once at the end of the file. */
  end(): void {
    this.flush();
    if (this.leading.length > 0) {
      // No timestamp anywhere: the lines are still events, at time 0, so nothing vanishes.
      for (const p of this.leading) this.emit(this.toEvent(p, 0));
      this.leading = [];
    }
  }

  private append(p: Pending, raw: string, message: string | undefined): void {
    p.raw += '\n' + raw;
    if (message !== undefined && p.message.length < MAX_ENTRY_CHARS) p.message += '\n' + message;
  }

  private flush(): void {
    const p = this.pending;
    if (p === undefined) return;
    this.pending = undefined;
    const ts = p.entry.ts;
    if (Number.isNaN(ts)) {
      if (Number.isNaN(this.lastTs)) {
        if (this.leading.length < LEADING_LIMIT) this.leading.push(p);
        else this.stats.dropped++;
        return;
      }
      this.emit(this.toEvent(p, this.lastTs));
      return;
    }
    const s = this.stats;
    if (this.leading.length > 0) {
      for (const q of this.leading) this.emit(this.toEvent(q, ts));
      this.leading = [];
    }
    if (ts < this.lastTs) s.outOfOrder++;
    if (Number.isNaN(s.firstTs)) s.firstTs = ts;
    s.lastTs = ts;
    if (ts < s.minTs) s.minTs = ts;
    if (ts > s.maxTs) s.maxTs = ts;
    if (p.entry.zoned) s.zoned++;
    this.lastTs = ts;
    this.emit(this.toEvent(p, ts));
  }

  private toEvent(p: Pending, ts: number): LogEvent {
    const e = p.entry;
    const event: LogEvent = {
      ts,
      tsText: e.tsText,
      zoned: e.zoned,
      source: this.source,
      file: this.file,
      line: p.line,
      offset: p.offset,
      level: e.level ?? 'info',
      // A format that amends its entries owns the message; others get their continuation lines.
      message: this.format.amend !== undefined && !p.unparsed ? e.message : p.message,
      attrs: e.attrs ?? {},
      raw: p.raw,
      format: p.unparsed ? 'unparsed' : this.format.id,
    };
    if (p.endLine !== p.line) event.endLine = p.endLine;
    if (p.unparsed) event.unparsed = true;
    return event;
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Assembles a whole text in memory (tests, small inputs). Line offsets assume UTF-8. */
export function assembleText(
  text: string,
  format: LogFormat,
  ctx: ParseContext,
  source = 'test',
  file = 'test.log',
): { events: LogEvent[]; stats: AssembleStats } {
  const events: LogEvent[] = [];
  const asm = new Assembler(format, ctx, source, file, (e) => events.push(e));
  let offset = 0;
  let line = 1;
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) {
    asm.push(l, line++, offset);
    offset += Buffer.byteLength(l) + 1;
  }
  asm.end();
  return { events, stats: asm.stats };
}
