/** How the report writes times, durations and numbers: always UTC, always the same spelling. */

/** Epoch ms of an ISO time, or undefined. */
export function msOf(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : undefined;
}

/** `19:40:39` (UTC). */
export function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** `2026-11-22 19:40:39 UTC`. */
export function dateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** `2 min 41 s`, `1 h 5 min`, `42.8 s`. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unknown';
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '−' : '';
  if (s < 60) return `${sign}${Math.round(s * 10) / 10} s`;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (h > 0) return `${sign}${h} h${m ? ` ${m} min` : ''}`;
  return `${sign}${m} min${rest ? ` ${rest} s` : ''}`;
}

/** `2,178`. */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `30.8%`. */
export function percent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  return `${(Math.round(ratio * 1000) / 10).toLocaleString('en-US')}%`;
}

/** At most `max` characters, an ellipsis where cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
