/** The time at the head of a `kubectl logs --timestamps` line, to the millisecond (rounded down). */

const HEAD = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

/**
 * Epoch ms of the line's time, rounded down, or undefined when the line has none. Rounding down is
 * exact for window checks: the window's edges are whole ms, so `t >= edge` iff `floor(t) >= edge`.
 */
export function logLineMs(line: string): number | undefined {
  const m = HEAD.exec(line);
  if (m === null) return undefined;
  const base = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(base)) return undefined;
  const ms = m[2] === undefined ? 0 : Number(m[2].padEnd(3, '0').slice(0, 3));
  return base + ms;
}

/** RFC 3339 in whole seconds, rounded down: the API server keeps `sinceTime` to the second. */
export function sinceTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
