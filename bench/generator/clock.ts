/**
 * Timestamp text for each format, in UTC. Millions of lines share a second, so the per-second
 * part is cached and only the milliseconds are formatted per line.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

export class Clock {
  private second = Number.NaN;
  private ms = 0;
  /** `22/Nov/2026:19:37:36 +0000` (nginx `$time_local` on a UTC host). */
  clf = '';
  /** `2026-11-22T19:37:36` (ISO-8601 without fraction and zone). */
  private iso = '';
  /** `2026-11-22 19:37:36` (PostgreSQL `%m` without fraction and zone). */
  private pg = '';
  /** `Nov 22 19:37:36` (RFC 3164: day padded with a space, no year, no zone). */
  bsd = '';

  /** The current time, UTC epoch milliseconds. */
  now = 0;

  /** Moves the clock to `ms` (UTC epoch milliseconds). */
  set(ms: number): void {
    this.now = ms;
    const second = Math.floor(ms / 1000);
    this.ms = ms - second * 1000;
    if (second === this.second) return;
    this.second = second;
    const d = new Date(second * 1000);
    const y = d.getUTCFullYear();
    const mo = d.getUTCMonth();
    const day = d.getUTCDate();
    const hms = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
    const date = `${y}-${pad2(mo + 1)}-${pad2(day)}`;
    this.clf = `${pad2(day)}/${MONTHS[mo]}/${y}:${hms} +0000`;
    this.iso = `${date}T${hms}`;
    this.pg = `${date} ${hms}`;
    this.bsd = `${MONTHS[mo]} ${day < 10 ? ` ${day}` : day} ${hms}`;
  }

  /** `2026-11-22T19:37:36.687Z` (pino with `pino.stdTimeFunctions.isoTime`). */
  isoMs(): string {
    return `${this.iso}.${pad3(Math.floor(this.ms))}Z`;
  }

  /** `2026-11-22 19:37:36.687 UTC` (PostgreSQL `%m` with `log_timezone = 'UTC'`). */
  pgMs(): string {
    return `${this.pg}.${pad3(Math.floor(this.ms))} UTC`;
  }
}
