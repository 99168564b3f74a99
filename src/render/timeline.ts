/** Timeline rows as text: table, JSON lines, CSV and Markdown. */
import type { LogEvent } from '../core/event.js';
import type { Level } from '../core/level.js';
import { formatUtc } from '../core/time.js';

export const TIMELINE_FORMATS = ['table', 'jsonl', 'csv', 'md'] as const;
export type TimelineFormat = (typeof TIMELINE_FORMATS)[number];

export interface Painter {
  dim(s: string): string;
  level(level: Level, s: string): string;
}

export const PLAIN: Painter = { dim: (s) => s, level: (_l, s) => s };

/** `file:line` or `file:line-endLine`: where the evidence is. */
export function evidenceRef(e: LogEvent): string {
  return e.endLine !== undefined ? `${e.file}:${e.line}-${e.endLine}` : `${e.file}:${e.line}`;
}

// Sources and files repeat on every row: quote each once.
const quoted = new Map<string, string>();
function q(s: string): string {
  let v = quoted.get(s);
  if (v === undefined) {
    v = JSON.stringify(s);
    if (quoted.size > 10_000) quoted.clear();
    quoted.set(s, v);
  }
  return v;
}

/**
 * One JSON object per event: the documented `timeline --format jsonl` record
 * (`ts`, `source`, `file`, `line`, `level`, `message`, `attrs`, and `endLine`/`unparsed` when set).
 * Written by hand because this runs once per event on gigabytes.
 */
export function eventToJsonl(e: LogEvent): string {
  let s =
    '{"ts":"' +
    formatUtc(e.ts) +
    '","source":' +
    q(e.source) +
    ',"file":' +
    q(e.file) +
    ',"line":' +
    e.line +
    ',"level":"' +
    e.level +
    '","message":' +
    JSON.stringify(e.message) +
    ',"attrs":' +
    JSON.stringify(e.attrs);
  if (e.endLine !== undefined) s += ',"endLine":' + e.endLine;
  if (e.unparsed) s += ',"unparsed":true';
  return s + '}';
}

const CSV_HEADER = 'ts,source,file,line,level,message\n';

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function eventToCsv(e: LogEvent): string {
  return [
    formatUtc(e.ts),
    csvCell(e.source),
    csvCell(e.file),
    String(e.line),
    e.level,
    csvCell(e.message),
  ].join(',');
}

const MD_HEADER =
  '| Time (UTC) | Source | Level | Event | Evidence |\n| --- | --- | --- | --- | --- |\n';

function mdCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ↵ ')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

export function eventToMarkdown(e: LogEvent): string {
  const msg = e.message.length > 300 ? e.message.slice(0, 299) + '…' : e.message;
  return `| ${formatUtc(e.ts)} | ${mdCell(e.source)} | ${e.level} | ${mdCell(msg)} | \`${mdCell(evidenceRef(e))}\` |`;
}

const LEVEL_TAG: Record<Level, string> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO ',
  notice: 'NOTE ',
  warn: 'WARN ',
  error: 'ERROR',
  critical: 'CRIT ',
  fatal: 'FATAL',
};

/** Renders table rows with fixed columns so that a stream of them lines up. */
export function tableRenderer(
  sourceWidth: number,
  width: number | undefined,
  paint: Painter,
): (e: LogEvent) => string {
  return (e) => {
    const nl = e.message.indexOf('\n');
    let msg = nl < 0 ? e.message : e.message.slice(0, nl);
    // Structured logs keep the error apart from the message ("request failed"); show both.
    const error = e.attrs.error;
    if (typeof error === 'string' && error.length > 0 && !msg.includes(error)) msg += `: ${error}`;
    const extra = nl < 0 ? '' : paint.dim(` (+${e.message.split('\n').length - 1} lines)`);
    const src =
      e.source.length > sourceWidth
        ? '…' + e.source.slice(e.source.length - sourceWidth + 1)
        : e.source.padEnd(sourceWidth);
    const lvl = LEVEL_TAG[e.level];
    const prefix = `${formatUtc(e.ts)}  ${src}  ${lvl}  `;
    if (width !== undefined) {
      const room = width - prefix.length;
      if (room > 10 && msg.length > room) msg = msg.slice(0, room - 1) + '…';
    }
    return `${paint.dim(formatUtc(e.ts))}  ${src}  ${paint.level(e.level, lvl)}  ${msg}${extra}`;
  };
}

export function headerFor(format: TimelineFormat): string {
  return format === 'csv' ? CSV_HEADER : format === 'md' ? MD_HEADER : '';
}
