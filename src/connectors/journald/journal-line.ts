/** One line of `journalctl -o json` judged against the window: kept (cut when huge), outside, or not an entry. */

/** Lines longer than this are rewritten with their long fields cut, so the ingest never has to cut them blindly. */
export const MAX_LINE_CHARS = 256 * 1024;
/** The most of one field (characters, or bytes for a byte-array MESSAGE) a cut entry keeps. */
export const MAX_FIELD_CHARS = 64 * 1024;

export type JournalLine =
  | { kind: 'entry'; text: string; cut: boolean }
  | { kind: 'outside' }
  | { kind: 'not-json' }
  | { kind: 'no-time' }
  | { kind: 'notice' };

/** The window in µs since the epoch (journald's own unit), since inclusive, until exclusive. */
export interface MicroWindow {
  sinceUs: number;
  untilUs: number;
}

/**
 * journald writes `__REALTIME_TIMESTAMP` as a decimal string of µs; near 2^51 today, so a double
 * holds it exactly.
 */
function realtimeUs(entry: Record<string, unknown>): number | undefined {
  const v = entry.__REALTIME_TIMESTAMP;
  if (typeof v !== 'string' || !/^\d{1,17}$/.test(v)) return undefined;
  return Number(v);
}

function cutFields(entry: Record<string, unknown>): boolean {
  let cut = false;
  for (const [key, value] of Object.entries(entry)) {
    if (typeof value === 'string' && value.length > MAX_FIELD_CHARS) {
      entry[key] = value.slice(0, MAX_FIELD_CHARS) + '…';
      cut = true;
    } else if (Array.isArray(value) && value.length > MAX_FIELD_CHARS) {
      // A byte array (binary MESSAGE) or a field repeated many times: keep the head.
      entry[key] = value.slice(0, MAX_FIELD_CHARS);
      cut = true;
    }
  }
  return cut;
}

/** Decides what to do with one stdout line of journalctl. */
export function judgeJournalLine(line: string, w: MicroWindow): JournalLine {
  // journalctl's own informational lines (`-- No entries --`, `-- Boot … --`).
  if (line.startsWith('-- ') && line.endsWith(' --')) return { kind: 'notice' };
  if (line.trim().length === 0) return { kind: 'notice' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: 'not-json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'not-json' };
  }
  const entry = value as Record<string, unknown>;
  const us = realtimeUs(entry);
  if (us === undefined) return { kind: 'no-time' };
  if (us < w.sinceUs || us >= w.untilUs) return { kind: 'outside' };
  if (line.length <= MAX_LINE_CHARS) return { kind: 'entry', text: line, cut: false };
  const cut = cutFields(entry);
  return { kind: 'entry', text: JSON.stringify(entry), cut };
}
