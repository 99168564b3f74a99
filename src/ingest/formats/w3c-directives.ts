/** W3C directives (`#Fields:`, `#Date:`…): how rows are read, and the "log header" entries. */
import type { Attrs } from '../../core/event.js';
import { scanIso } from '../../core/time.js';
import { UTC } from '../../core/zone.js';
import type { ParseContext, ParsedEntry } from '../format.js';
import { compile, DAY, FIELDS, LOCAL } from './w3c-fields.js';

/*
 * Directives (`#Software:`, `#Version:`, `#Date:`, `#Fields:`, `#Remark:`, `#Start-Date:`,
 * `#End-Date:`) are not dropped and not left unparsed: each block of them becomes one notice-level
 * "log header" entry (the first directive starts it, the others continue it). Its time is the
 * block's `#Date:` — set in place on the pending entry when that line comes, as IIS writes
 * `#Software` and `#Version` first. A block without one (CloudFront writes only `#Version` and
 * `#Fields`) keeps NaN, and the assembler gives it the time of the entry before it, or of the
 * first request when it opens the file. IIS starts a new block whenever it reopens the file
 * (service restart, configuration change), which is worth seeing on a timeline.
 */

const HEADER = 'w3c.header';
const MAX_FIELDS = 128;
const BLANKS = /[ \t]+/;

interface Header {
  entry: ParsedEntry;
  software?: string;
}

const DIRECTIVES = new Set([
  'Time Format',
  'Version',
  'Fields',
  'Software',
  'Date',
  'Start-Date',
  'End-Date',
  'Remark',
]);

function headerMessage(software: string | undefined): string {
  return software === undefined ? 'log header' : `log header: ${software}`;
}

/** A directive: sets the file's state, opens or continues the header entry; null if unknown. */
export function readDirective(line: string, ctx: ParseContext): ParsedEntry | null {
  const colon = line.indexOf(':');
  const name = colon > 1 && colon < 16 ? line.slice(1, colon) : '';
  if (!DIRECTIVES.has(name)) return null;
  const value = line.slice(colon + 1).trim();
  const attrs: Attrs = {};
  let t: { ms: number; text: string } | undefined;
  let software: string | undefined;
  switch (name) {
    case 'Fields': {
      const names = value.split(BLANKS, MAX_FIELDS + 1).filter((n) => n.length > 0);
      if (names.length === 0 || names.length > MAX_FIELDS) return null;
      ctx.state[FIELDS] = compile(names);
      attrs['w3c.fields'] = names.join(' ');
      break;
    }
    case 'Date':
    case 'Start-Date':
    case 'End-Date': {
      // The value may be followed by a comment (`#Date: 2002-05-02 17:42:15  // …`).
      const s = scanIso(value, 0, ctx.state[LOCAL] === true ? ctx.zone : UTC);
      if (s === undefined) return null;
      t = { ms: s.ms, text: value.slice(0, s.end) };
      if (name !== 'End-Date') ctx.state[DAY] = value.slice(0, 10);
      attrs[`w3c.${name.toLowerCase()}`] = t.text;
      break;
    }
    case 'Software':
      software = value;
      attrs['w3c.software'] = value;
      break;
    case 'Version':
      attrs['w3c.version'] = value.split(' ', 1)[0]!;
      break;
    case 'Time Format':
      // Windows Firewall's pfirewall.log writes local time and says so: the source's zone applies.
      ctx.state[LOCAL] = value.toLowerCase() === 'local';
      attrs['w3c.time-format'] = value;
      break;
    default:
      attrs['w3c.remark'] = value;
  }
  const zoned = ctx.state[LOCAL] !== true;
  const open = ctx.state[HEADER] as Header | undefined;
  if (open !== undefined) {
    const e = open.entry;
    e.zoned = zoned;
    if (t !== undefined && Number.isNaN(e.ts)) {
      e.ts = t.ms;
      e.tsText = t.text;
    }
    if (software !== undefined) open.software ??= software;
    return {
      ts: NaN,
      tsText: '',
      zoned,
      message: headerMessage(open.software),
      attrs,
      continues: true,
      completes: true,
    };
  }
  const entry: ParsedEntry = {
    ts: t?.ms ?? NaN,
    tsText: t?.text ?? '',
    zoned,
    level: 'notice',
    message: headerMessage(software),
    attrs,
  };
  const header: Header = { entry };
  if (software !== undefined) header.software = software;
  ctx.state[HEADER] = header;
  return entry;
}

/** A row ends the block of directives: the next one starts a new header entry. */
export function closeHeader(ctx: ParseContext): void {
  ctx.state[HEADER] = undefined;
}
