/** Prometheus durations (`15s`, `1m30s`, `2h`, `500ms`) or plain seconds, as ms. */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

// Units in the order Prometheus requires them (largest first, each at most once).
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const;

/** The duration in ms; undefined when it is not one Prometheus would accept, or not positive. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value > 0 ? Math.round(value * 1000) : undefined;
  }
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return parseDuration(Number(text));
  const m = DURATION.exec(text);
  if (!m || text === '') return undefined;
  let ms = 0;
  ORDER.forEach((unit, i) => {
    const n = m[i + 1];
    if (n !== undefined) ms += Number(n) * UNIT_MS[unit]!;
  });
  return ms > 0 ? ms : undefined;
}

/** The shortest Prometheus spelling of a whole number of ms (`90000` → `1m30s`). */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms);
  let out = '';
  for (const unit of ORDER) {
    const size = UNIT_MS[unit]!;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out === '' ? '0s' : out;
}
