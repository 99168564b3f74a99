/**
 * Ruby's standard `Logger` with its default `Logger::Formatter`, which Rails production logs and
 * many Ruby services write: `sprintf("%.1s, [%s #%d] %5s -- %s: %s\n", severity, time, pid,
 * severity, progname, message)`, the time as `%Y-%m-%dT%H:%M:%S.%6N` (no zone):
 *
 *   `I, [2026-11-22T19:40:42.123456 #1234]  INFO -- : [4f9c…] Started GET "/" for 10.0.0.7`
 *
 * `%5s` pads on the left (` INFO`, ` WARN`, `  ANY`); the reader also takes the word padded on the
 * right, as hand-written copies of the layout do. A nil progname leaves `-- : `.
 *
 * A message with newlines (an exception: `message (Class)` and its backtrace) continues on lines
 * without the prefix. Rails' exception report starts with a blank line and, under tagged logging,
 * repeats the tags on each continuation line: the entry takes its first non-blank line as its
 * message and drops the repeated tags from the lines it appends (`raw` keeps everything).
 *
 * `ANY` is what Logger writes for `UNKNOWN` (and any severity past it): "an unknown message that
 * should always be logged", which says nothing about how bad it is, so it gets no level of its
 * own (the reader's default) and keeps `severity: 'ANY'` for filtering.
 */
import type { Attrs } from '../../core/event.js';
import type { Level } from '../../core/level.js';
import { scanIso } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

// Process ids fit in 7 digits on Linux; 10 leaves room for other systems.
const MAX_PID_DIGITS = 10;
// The message an entry collects from its continuation lines stops growing past this.
const MAX_MESSAGE_CHARS = 1 << 20;
// Leading tags scanned for the prefix repeated on continuation lines.
const MAX_TAGS = 8;
const MAX_TAG_CHARS = 256;

/** The severity words Logger writes, with their level; the first letter is written before them. */
const SEVERITIES: Readonly<Record<string, Level | null>> = {
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
  FATAL: 'fatal',
  // No level claimed by the writer (see the header).
  ANY: null,
  // Logger::Formatter#call prints any severity name it is handed: callers that pass their own
  // spell Logger::UNKNOWN out.
  UNKNOWN: null,
};

/** A canonical UUID (8-4-4-4-12 hex digits) at s[i, i + 36). */
function isUuid(s: string, i: number): boolean {
  for (let k = 0; k < 36; k++) {
    const c = s.charCodeAt(i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== 45) return false;
    } else if (!isHex(c)) return false;
  }
  return true;
}

/**
 * Where the run of leading `[tag] ` groups (ActiveSupport::TaggedLogging) ends in a message; 0
 * when there is none. A group is one `[` … `] ` with no `]` inside, as Rails writes tags; a
 * bracket left open past MAX_TAG_CHARS is not a tag.
 */
function tagsEnd(message: string): number {
  let j = 0;
  for (let n = 0; n < MAX_TAGS && message.charCodeAt(j) === 91; n++) {
    let close = j + 1;
    const limit = Math.min(message.length, j + MAX_TAG_CHARS);
    while (close < limit && message.charCodeAt(close) !== 93) close++;
    if (close >= limit) break;
    const after = message.charCodeAt(close + 1);
    if (Number.isNaN(after)) return close + 1;
    if (after !== 32) break;
    j = close + 2;
  }
  return j;
}

function isBlankFrom(s: string, i: number): boolean {
  for (let k = i; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  const letter = line.charCodeAt(0);
  if (letter < 65 || letter > 90) return null;
  if (line.charCodeAt(1) !== 44 || line.charCodeAt(2) !== 32 || line.charCodeAt(3) !== 91) {
    return null;
  }
  const t = scanIso(line, 4, ctx.zone);
  if (t === undefined) return null;
  let j = t.end;
  // Before logger 1.5 (Ruby 3.1) the space ended the default time format: a custom one had none.
  if (line.charCodeAt(j) === 32) j++;
  if (line.charCodeAt(j) !== 35 /* # */) return null;
  const pidAt = ++j;
  while (isDigit(line.charCodeAt(j)) && j - pidAt < MAX_PID_DIGITS) j++;
  if (j === pidAt || line.charCodeAt(j) !== 93 || line.charCodeAt(j + 1) !== 32) return null;
  const pid = Number(line.slice(pidAt, j));
  j += 2;
  // `%5s` right-aligns: up to four more spaces before a short word.
  const padAt = j;
  while (line.charCodeAt(j) === 32 && j - padAt < 4) j++;
  const wordAt = j;
  while (j - wordAt < 7 && line.charCodeAt(j) >= 65 && line.charCodeAt(j) <= 90) j++;
  const word = line.slice(wordAt, j);
  if (!Object.hasOwn(SEVERITIES, word) || word.charCodeAt(0) !== letter) return null;
  // A right-padded word (`INFO  --`) is not Logger's own, but costs nothing to read.
  const trailAt = j;
  while (line.charCodeAt(j) === 32 && j - trailAt < 4) j++;
  if (j === trailAt || !line.startsWith('-- ', j)) return null;
  j += 3;
  // The progname ends at the first `: `; a line that ends there has an empty message.
  let sep = line.indexOf(': ', j);
  if (sep < 0) {
    if (line.charCodeAt(line.length - 1) !== 58) return null;
    sep = line.length - 1;
  }
  const progname = line.slice(j, sep);
  const message = line.slice(sep + 2).trimEnd();
  const attrs: Attrs = { pid };
  if (progname.length > 0) attrs.progname = progname;
  // Rails' default `config.log_tags = [:request_id]` puts the id first. Only a UUID counts: a
  // client's own X-Request-Id or a tag like `[ActiveJob]` is not told apart from other tags.
  if (message.charCodeAt(0) === 91 && message.charCodeAt(37) === 93 && isUuid(message, 1)) {
    attrs.requestId = message.slice(1, 37);
  }
  const level = SEVERITIES[word];
  if (level === null) attrs.severity = word;
  const entry: ParsedEntry = {
    ts: t.ms,
    tsText: line.slice(4, t.end),
    zoned: t.zoned,
    message,
    attrs,
  };
  if (level !== null && level !== undefined) entry.level = level;
  return entry;
}

/** What amend needs to know about an entry, read once from its first line. */
interface Collecting {
  /** The entry's leading tags (`[a] [b]`), repeated by tagged logging on each continuation line. */
  prefix: string;
  /** Nothing but tags so far: the next non-blank line becomes the message. */
  blank: boolean;
}

// Keyed by entry, so nothing shows in its attrs and it goes with the entry. Reading the growing
// message again on every line would flatten it each time: quadratic on long traces.
const collecting = new WeakMap<ParsedEntry, Collecting>();

/** Appends a continuation line to the entry's message (see the header). */
function amend(entry: ParsedEntry, line: string): void {
  let c = collecting.get(entry);
  if (c === undefined) {
    const tags = tagsEnd(entry.message);
    c = { prefix: entry.message.slice(0, tags).trimEnd(), blank: isBlankFrom(entry.message, tags) };
    collecting.set(entry, c);
  }
  const { prefix } = c;
  let body = line.trimEnd();
  // Tagged logging writes `[tags] ` before each line: drop the tags and their one space, so the
  // line's own indentation stays.
  if (
    prefix.length > 0 &&
    body.startsWith(prefix) &&
    (body.length === prefix.length || body.charCodeAt(prefix.length) === 32)
  ) {
    body = body.slice(prefix.length + 1);
  }
  if (isBlankFrom(body, 0)) return;
  if (c.blank) {
    c.blank = false;
    entry.message = (prefix.length > 0 ? prefix + ' ' : '') + body.trimStart();
    return;
  }
  if (entry.message.length < MAX_MESSAGE_CHARS) entry.message += '\n' + body;
}

export const rubyLogger: LogFormat = {
  id: 'ruby-logger',
  aliases: ['rails', 'ruby'],
  description:
    "Ruby's Logger default format (Rails, Ruby services): `I, [time #pid]  INFO -- progname: msg`",
  multiline: true,
  detect: (sample, ctx) => detectByParse(rubyLogger, sample, ctx),
  parse,
  amend,
};
