/** Where a finding comes from: the file and line of the evidence, and the time written there. */
import type { LogEvent } from '../core/event.js';

export interface EvidenceRef {
  file: string;
  line: number;
}

export interface EventRef extends EvidenceRef {
  ts: number;
  source: string;
  message: string;
}

export function refOf(e: LogEvent): EventRef {
  return { ts: e.ts, source: e.source, file: e.file, line: e.line, message: oneLine(e.message) };
}

/** The first line of a message, cut to a readable length. */
export function oneLine(text: string, max = 160): string {
  const nl = text.indexOf('\n');
  const first = nl >= 0 ? text.slice(0, nl) : text;
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
