/** Numbers and durations in skew details, as a reader of the report wants them. */

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** 2.0 s, 0.35 s, 1 min 5 s, 2 h, 5 h 30 min; always positive. */
export function duration(ms: number): string {
  const a = Math.abs(ms);
  if (a < 1000) return `${(a / 1000).toFixed(2)} s`;
  if (a < 60_000) return `${(a / 1000).toFixed(1)} s`;
  if (a < 3_600_000) {
    const s = Math.round(a / 1000);
    return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  }
  const min = Math.round(a / 60_000);
  return min % 60 === 0 ? `${min / 60} h` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** +2.03 s, −3.50 s: a signed shift in seconds. */
export function signedSeconds(ms: number): string {
  return `${ms < 0 ? '−' : '+'}${(Math.abs(ms) / 1000).toFixed(2)} s`;
}

export function percent(share: number): string {
  const p = share * 100;
  return `${p >= 99.5 && p < 100 ? p.toFixed(2) : p.toFixed(0)}%`;
}

export function aheadOrBehind(ms: number): string {
  return ms >= 0 ? 'ahead of' : 'behind';
}
