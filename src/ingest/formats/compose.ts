/** `docker compose logs` / `docker-compose logs` output: `service  | line`, with or without `-t`. */
import { digits, scanIso } from '../../core/time.js';
import { UTC } from '../../core/zone.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';
import { embeddedEntry, forgetEmbedded } from './json-embedded.js';

// Compose pads names to the widest one; a longer run is not a compose prefix.
const MAX_PREFIX = 160;
// Lines without a time attached to one entry, at most (then they become unparsed lines).
const MAX_ATTACHED = 1000;
const LAST = 'compose.last';
const INSIDE = 'compose.inside';

interface Last {
  name: string;
  lines: number;
}

/**
 * Index past the ANSI escape sequence at `i` (CSI `ESC [ params final`, a charset designation
 * `ESC ( B`, or a two-byte `ESC x`); `i` when there is none. Compose colours the prefix, and its
 * TTY output starts each line with `ESC[2K`.
 */
function skipAnsi(s: string, i: number): number {
  if (s.charCodeAt(i) !== 27) return i;
  const n = s.charCodeAt(i + 1);
  if (n >= 32 && n <= 47) {
    let k = i + 2;
    while (k < s.length && s.charCodeAt(k) >= 32 && s.charCodeAt(k) <= 47) k++;
    const f = s.charCodeAt(k);
    return f >= 48 && f <= 126 ? k + 1 : k;
  }
  if (n !== 91) return n >= 48 && n <= 126 ? i + 2 : i + 1;
  let j = i + 2;
  for (; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c >= 64 && c <= 126) return j + 1;
    // Anything but parameter and intermediate bytes ends a malformed sequence.
    if (c < 32 || c > 63) return j;
  }
  return j;
}

/** The text without ANSI escape sequences (applications colour their levels too). */
export function stripAnsi(s: string): string {
  let esc = s.indexOf('\x1b');
  if (esc < 0) return s;
  let out = '';
  let from = 0;
  while (esc >= 0) {
    out += s.slice(from, esc);
    from = skipAnsi(s, esc);
    esc = s.indexOf('\x1b', from);
  }
  return out + s.slice(from);
}

const isNameChar = (c: number): boolean =>
  (c >= 97 && c <= 122) ||
  (c >= 65 && c <= 90) ||
  (c >= 48 && c <= 57) ||
  c === 45 ||
  c === 95 ||
  c === 46;

/** `[ANSI]name[ANSI] +|[ANSI] ` at the start: [name, index where the line's text starts]. */
function readPrefix(line: string): [string, number] | undefined {
  let i = 0;
  while (line.charCodeAt(i) === 27 && i < MAX_PREFIX) i = skipAnsi(line, i);
  const start = i;
  while (i < line.length && i - start < MAX_PREFIX && isNameChar(line.charCodeAt(i))) i++;
  if (i === start) return undefined;
  const name = line.slice(start, i);
  // Padding to the widest name, then ` | ` (colour codes may wrap either side).
  let spaces = 0;
  const limit = Math.min(line.length, i + MAX_PREFIX);
  while (i < limit) {
    const c = line.charCodeAt(i);
    if (c === 32) {
      spaces++;
      i++;
    } else if (c === 27) i = skipAnsi(line, i);
    else break;
  }
  if (spaces === 0 || line.charCodeAt(i) !== 124 /* | */) return undefined;
  i = skipAnsi(line, i + 1);
  if (i < line.length && line.charCodeAt(i) !== 32) return undefined;
  return [name, skipAnsi(line, i + 1)];
}

/**
 * `docker compose logs -t` puts the daemon's receive time first, always RFC3339Nano with nine
 * fraction digits (`2026-11-22T19:40:42.123456789Z `); requiring all nine keeps an application's
 * own `…T19:40:42.123Z` (and the level after it) for the inner parser.
 */
function dockerStamp(text: string): { ms: number; end: number } | undefined {
  if (text.charCodeAt(10) !== 84 /* T */ || text.charCodeAt(19) !== 46) return undefined;
  const t = scanIso(text, 0, UTC);
  if (t === undefined || !t.zoned || digits(text, 20, 9) < 0) return undefined;
  const after = text.charCodeAt(29);
  if (after >= 48 && after <= 57) return undefined;
  if (t.end < text.length && text.charCodeAt(t.end) !== 32) return undefined;
  return { ms: t.ms, end: t.end };
}

/** Compose prints the container as `service-N` (v2) or `service_N` (v1): both names are kept. */
function nameAttrs(name: string): { container: string; service: string } {
  let i = name.length - 1;
  while (i > 0 && name.charCodeAt(i) >= 48 && name.charCodeAt(i) <= 57) i--;
  const sep = name.charCodeAt(i);
  const service =
    i < name.length - 1 && i > 0 && (sep === 45 || sep === 95) ? name.slice(0, i) : name;
  return { container: name, service };
}

/** Runs an inner parse, guarded so that a compose line is never read as compose inside compose. */
function guarded<T>(ctx: ParseContext, read: () => T): T {
  ctx.state[INSIDE] = true;
  try {
    return read();
  } finally {
    ctx.state[INSIDE] = undefined;
  }
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  // Read as an inner format of itself: no, and without touching the outer line's state.
  if (ctx.state[INSIDE] === true) return null;
  const prefix = readPrefix(line);
  if (prefix === undefined) {
    ctx.state[LAST] = undefined;
    forgetEmbedded(ctx);
    return null;
  }
  const [name, from] = prefix;
  const text = stripAnsi(line.slice(from));
  const attrs = nameAttrs(name);
  const stamp = dockerStamp(text);
  if (stamp !== undefined) {
    // The daemon's time: every line is an entry, stack traces attach per container.
    ctx.state[LAST] = undefined;
    const tsText = text.slice(0, stamp.end);
    const outer = { ts: stamp.ms, tsText, zoned: true, attrs, key: name, formatKey: attrs.service };
    return guarded(ctx, () => embeddedEntry(ctx, outer, text.slice(stamp.end + 1), false));
  }
  forgetEmbedded(ctx);
  const last = ctx.state[LAST] as Last | undefined;
  // Services write different formats (JSON from one, PostgreSQL from another): each keeps its own.
  const e = text.length === 0 ? null : guarded(ctx, () => ctx.parseInner(text, attrs.service));
  const sameService = last !== undefined && last.name === name;
  if (e !== null && Number.isFinite(e.ts) && !(e.continues === true && sameService)) {
    ctx.state[LAST] = { name, lines: 0 } satisfies Last;
    const entry: ParsedEntry = {
      ts: e.ts,
      tsText: e.tsText,
      zoned: e.zoned,
      message: e.message.length > 0 ? e.message : text,
      attrs: Object.assign(e.attrs ?? {}, attrs),
    };
    if (e.level !== undefined) entry.level = e.level;
    return entry;
  }
  // No time of its own (Flask's ` * Serving…`, a traceback): it belongs to the entry before it
  // only when that entry is this service's; compose interleaves services line by line.
  if (sameService && last.lines < MAX_ATTACHED) {
    last.lines++;
    const message = e !== null && e.message.length > 0 ? e.message : text;
    return { ts: NaN, tsText: '', zoned: false, message, continues: true };
  }
  ctx.state[LAST] = undefined;
  return null;
}

/**
 * Detection parses only lines with the prefix: compose is among the formats tried on lines
 * embedded in docker and kubectl records, and `parse` on their lines would forget the joining
 * state those formats keep in the same context. Only lines with a time (or attached to one)
 * count: a file of timeless lines cannot be placed in time.
 */
const prefixed: Pick<LogFormat, 'parse' | 'multiline'> = {
  multiline: false,
  parse: (line, ctx) => (readPrefix(line) === undefined ? null : parse(line, ctx)),
};

export const compose: LogFormat = {
  id: 'compose',
  aliases: ['docker-compose'],
  description: 'docker compose logs [-t]: `service | line`, the lines parsed with their own format',
  multiline: false,
  detect: (sample, ctx) => detectByParse(prefixed, sample, ctx, 1),
  parse,
};
