/** Counts, hours of impact and MTTx spreads per group (service, severity, month), and the MTTx trends. */
import type { ArchivedPostmortem } from '../store/store.js';
import { median, spread } from './stats.js';
import {
  MTTX_KEYS,
  type GroupBy,
  type GroupRow,
  type MonthRow,
  type MttxKey,
  type MttxSpreads,
  type Trend,
} from './types.js';

const HOUR = 3_600_000;

/** The analysis field behind each figure (durations from the incident's start). */
const FIELD = {
  mttd: 'timeToDetectMs',
  mtta: 'timeToAcknowledgeMs',
  mttm: 'timeToMitigateMs',
  mttr: 'timeToResolveMs',
} as const satisfies Record<MttxKey, string>;

export const mttxOf = (pm: ArchivedPostmortem, k: MttxKey): number | undefined =>
  pm.analysis[FIELD[k]];

/** Started → resolved, else → mitigated; undefined without a start or an end after it. */
export function impactMs(pm: ArchivedPostmortem): number | undefined {
  const end = pm.resolvedMs ?? pm.mitigatedMs;
  return pm.startedMs !== undefined && end !== undefined && end >= pm.startedMs
    ? end - pm.startedMs
    : undefined;
}

/** `YYYY-MM` (UTC) of the start; undefined for an undated postmortem. */
export const monthOf = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 7);

export function row(key: string, pms: readonly ArchivedPostmortem[]): GroupRow {
  const impact = pms.reduce((sum, pm) => sum + (impactMs(pm) ?? 0), 0);
  const mttx = Object.fromEntries(
    MTTX_KEYS.map((k) => [k, spread(pms.flatMap((pm) => mttxOf(pm, k) ?? []))]),
  ) as MttxSpreads;
  return { key, incidents: pms.length, impactHours: Math.round((impact / HOUR) * 100) / 100, mttx };
}

/** A postmortem with several services counts once in each (so the rows may add up to more than the total). */
function keysOf(pm: ArchivedPostmortem, by: GroupBy): string[] {
  if (by === 'service') {
    const s = [...new Set(pm.services.map((x) => x.trim()).filter((x) => x !== ''))];
    return s.length ? s : ['(no service)'];
  }
  if (by === 'severity') return [pm.severity ?? '(no severity)'];
  return [monthOf(pm.startedMs) ?? '(undated)'];
}

/** Rows by the grouping: most incidents first (months in calendar order). */
export function groupRows(pms: readonly ArchivedPostmortem[], by: GroupBy): GroupRow[] {
  const groups = new Map<string, ArchivedPostmortem[]>();
  for (const pm of pms)
    for (const k of keysOf(pm, by)) (groups.get(k) ?? groups.set(k, []).get(k)!).push(pm);
  const rows = [...groups].map(([k, list]) => row(k, list));
  return by === 'month'
    ? rows.sort((a, b) => a.key.localeCompare(b.key))
    : rows.sort((a, b) => b.incidents - a.incidents || a.key.localeCompare(b.key));
}

const addMonths = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
};

/** Every calendar month from the first dated incident to the last, empty ones included. */
export function monthRows(pms: readonly ArchivedPostmortem[]): MonthRow[] {
  const byMonth = new Map<string, ArchivedPostmortem[]>();
  for (const pm of pms) {
    const m = monthOf(pm.startedMs);
    if (m) (byMonth.get(m) ?? byMonth.set(m, []).get(m)!).push(pm);
  }
  const keys = [...byMonth.keys()].sort();
  if (keys.length === 0) return [];
  const out: MonthRow[] = [];
  for (let m = keys[0]!; m <= keys[keys.length - 1]!; m = addMonths(m, 1))
    out.push(row(m, byMonth.get(m) ?? []));
  return out;
}

/**
 * The median of every incident in the last 3 calendar months (the current one included) against
 * the 3 before. Pooled window medians rather than a slope over monthly medians: an archive has a
 * handful of incidents a month, and a slope through such sparse points swings with one incident,
 * while a median over three months does not. Shorter is better: a change under 10% is flat.
 */
export function trends(pms: readonly ArchivedPostmortem[], now: number): Record<MttxKey, Trend> {
  const current = monthOf(now)!;
  const recentFrom = addMonths(current, -2);
  const previousFrom = addMonths(current, -5);
  const window = (from: string, to: string): ArchivedPostmortem[] =>
    pms.filter((pm) => {
      const m = monthOf(pm.startedMs);
      return m !== undefined && m >= from && m <= to;
    });
  const recent = window(recentFrom, current);
  const previous = window(previousFrom, addMonths(recentFrom, -1));
  const out = {} as Record<MttxKey, Trend>;
  for (const k of MTTX_KEYS) {
    const r = recent.flatMap((pm) => mttxOf(pm, k) ?? []);
    const p = previous.flatMap((pm) => mttxOf(pm, k) ?? []);
    const rm = median(r);
    const pmed = median(p);
    const ratio =
      rm !== null && pmed !== null && pmed > 0 ? Math.round((rm / pmed) * 1000) / 1000 : null;
    out[k] = {
      recentMedianMs: rm,
      previousMedianMs: pmed,
      recentCount: r.length,
      previousCount: p.length,
      ratio,
      direction:
        ratio === null ? 'unknown' : ratio < 0.9 ? 'better' : ratio > 1.1 ? 'worse' : 'flat',
    };
  }
  return out;
}
