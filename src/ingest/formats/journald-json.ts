/** `journalctl -o json` (also `json-sse` `data: {…}` and `json-seq` lines): one journal entry per line. */
import type { Attrs } from '../../core/event.js';
import { levelFromSyslogSeverity, type Level } from '../../core/level.js';
import { detectByParse, type LogFormat, type ParsedEntry } from '../format.js';
import { programLine } from './program-lines.js';
import { facilityName, guessLevel } from './syslog-common.js';

// The fields worth keeping beyond the well-known attributes; the other ~25 (cursor, cgroup,
// capabilities, command line…) cost memory on every event and rarely help a postmortem.
const KEPT = [
  '_BOOT_ID',
  '_TRANSPORT',
  'MESSAGE_ID',
  'CONTAINER_ID',
  'IMAGE_NAME',
  'CODE_FILE',
  'CODE_FUNC',
  'CODE_LINE',
  'ERRNO',
  'EXIT_CODE',
  'EXIT_STATUS',
  'JOB_RESULT',
] as const;
const NUMERIC = new Set<string>(['CODE_LINE', 'ERRNO', 'EXIT_STATUS']);
const INTEGER = /^-?\d{1,10}$/;

type Entry = Record<string, unknown>;

// journald writes a field seen twice as an array of its values; the first is the one shown.
function str(o: Entry, key: string): string | undefined {
  const v = o[key];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

// MESSAGE is an array of byte values when it is not valid UTF-8 text (or holds control bytes).
function message(v: unknown): string {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v) || v.length === 0) return '';
  if (typeof v[0] === 'string') return v[0];
  const bytes = new Uint8Array(v.length);
  for (let k = 0; k < v.length; k++) {
    const b: unknown = v[k];
    if (typeof b !== 'number' || !(b >= 0 && b <= 255)) return '';
    bytes[k] = b;
  }
  return Buffer.from(bytes.buffer, 0, bytes.length).toString('utf8');
}

function micros(text: string | undefined): number {
  if (text === undefined || text.length === 0 || text.length > 17) return NaN;
  const us = Number(text);
  return Number.isInteger(us) && us > 0 ? us / 1000 : NaN;
}

function parse(line: string): ParsedEntry | null {
  let i = 0;
  if (line.charCodeAt(0) === 0x1e)
    i = 1; // json-seq record separator
  else if (line.startsWith('data: ')) i = 6; // json-sse
  if (line.charCodeAt(i) !== 123) return null;
  // Cheap refusal of other JSON before paying for JSON.parse.
  if (!line.includes('REALTIME_TIMESTAMP"', i)) return null;
  let o: unknown;
  try {
    o = JSON.parse(i === 0 ? line : line.slice(i));
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return null;
  const e = o as Entry;
  let tsText = str(e, '__REALTIME_TIMESTAMP');
  let ts = micros(tsText);
  if (Number.isNaN(ts)) {
    tsText = str(e, '_SOURCE_REALTIME_TIMESTAMP');
    ts = micros(tsText);
    if (Number.isNaN(ts)) return null;
  }
  const attrs: Attrs = {};
  const host = str(e, '_HOSTNAME');
  if (host !== undefined) attrs.host = host;
  // UNIT names the unit a systemd message is about (`Failed to start x.service`), which matters
  // more than the sender (init.scope).
  const unit =
    str(e, 'UNIT') ??
    str(e, 'USER_UNIT') ??
    str(e, '_SYSTEMD_UNIT') ??
    str(e, '_SYSTEMD_USER_UNIT');
  if (unit !== undefined) attrs.unit = unit;
  const pid = str(e, '_PID');
  if (pid !== undefined && INTEGER.test(pid)) attrs.pid = Number(pid);
  const program = str(e, 'SYSLOG_IDENTIFIER') ?? str(e, '_COMM');
  if (program !== undefined) attrs.program = program;
  const container = str(e, 'CONTAINER_NAME');
  if (container !== undefined) attrs.container = container;
  const facility = str(e, 'SYSLOG_FACILITY');
  if (facility !== undefined && INTEGER.test(facility))
    attrs.facility = facilityName(Number(facility));
  for (const key of KEPT) {
    const v = str(e, key);
    if (v === undefined) continue;
    attrs[`journal.${key}`] = NUMERIC.has(key) && INTEGER.test(v) ? Number(v) : v;
  }
  let text = message(e.MESSAGE);
  const priority = str(e, 'PRIORITY');
  let level: Level | undefined =
    priority !== undefined && priority.length === 1 && priority >= '0' && priority <= '7'
      ? levelFromSyslogSeverity(Number(priority))
      : undefined;
  const kernel = str(e, '_TRANSPORT') === 'kernel' ? 'kernel' : program;
  const p = programLine(kernel, text, attrs, level);
  if (p !== undefined) ({ message: text, level } = p);
  return {
    ts,
    tsText: tsText ?? '',
    zoned: true,
    level: level ?? guessLevel(text) ?? 'info',
    message: text,
    attrs,
  };
}

export const journaldJson: LogFormat = {
  id: 'journald-json',
  aliases: ['journal-json', 'journalctl-json', 'json-sse', 'json-seq'],
  description: 'journalctl -o json / json-sse / json-seq: one journal entry per line',
  multiline: false,
  detect: (sample, ctx) => detectByParse(journaldJson, sample, ctx),
  parse,
};
