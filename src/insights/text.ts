/** The terminal report of `aftermath insights`: aligned tables, durations as `1h 12m`. */
import {
  MTTX_KEYS,
  type CountRow,
  type GroupRow,
  type Insights,
  type PostmortemRef,
  type Trend,
} from './types.js';

/** `45s`, `12m`, `1h 12m`, `3d 4h`: minutes are enough for incident durations. */
export function shortDuration(ms: number | null): string {
  if (ms === null) return '-';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m}m`;
  if (m < 24 * 60) return `${Math.floor(m / 60)}h${m % 60 ? ` ${m % 60}m` : ''}`;
  const h = Math.round(m / 60);
  return `${Math.floor(h / 24)}d${h % 24 ? ` ${h % 24}h` : ''}`;
}

function table(head: string[], rows: string[][], right: ReadonlySet<number> = new Set()): string[] {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(width[i]!) : c.padEnd(width[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), line(width.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

const NUMERIC = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

function groupTable(rows: GroupRow[], label: string): string[] {
  return table(
    [label, 'incidents', 'impact h', ...MTTX_KEYS.flatMap((k) => [`${k} p50`, `${k} p90`])],
    rows.map((r) => [
      r.key,
      String(r.incidents),
      r.impactHours.toFixed(1),
      ...MTTX_KEYS.flatMap((k) => [
        shortDuration(r.mttx[k].medianMs),
        shortDuration(r.mttx[k].p90Ms),
      ]),
    ]),
    NUMERIC,
  );
}

const arrow = (t: Trend): string =>
  t.direction === 'unknown'
    ? 'not enough data'
    : `${shortDuration(t.recentMedianMs)} vs ${shortDuration(t.previousMedianMs)} (${t.direction}, ×${t.ratio})`;

const counts = (rows: CountRow[]): string =>
  rows.length
    ? rows
        .map(
          (r) =>
            `${r.key} ${r.postmortems}${r.factors !== undefined ? ` (${r.factors} factors)` : ''}`,
        )
        .join(', ')
    : 'none';

const pct = (x: number | null): string => (x === null ? '-' : `${Math.round(x * 1000) / 10}%`);

export function insightsText(r: Insights): string {
  const out: string[] = [];
  const t = r.total;
  out.push(
    `Insights over ${t.incidents} postmortem(s)${r.since ? ` since ${r.since.slice(0, 10)}` : ''}: ${t.impactHours.toFixed(1)} h of impact${t.withoutImpact ? ` (${t.withoutImpact} without a start and end)` : ''}`,
    '',
    `By ${r.by}`,
    ...groupTable([...r.groups, t], r.by),
    '',
    'MTTx trend (median, last 3 months vs the 3 before)',
    ...MTTX_KEYS.map((k) => `  ${k.toUpperCase()}  ${arrow(r.trends[k])}`),
    '',
    `Contributing-factor categories: ${counts(r.factorCategories)}${r.uncategorisedFactors ? `; ${r.uncategorisedFactors} postmortem(s) with no category` : ''}`,
    `Tags: ${counts(r.tags)}`,
    '',
    `Repeat incidents (${r.repeats.length})`,
  );
  if (r.repeats.length === 0) out.push('  none');
  for (const rep of r.repeats)
    for (const s of rep.similar)
      out.push(
        `  ${rep.id} repeats ${s.id} (score ${s.score.toFixed(2)}): factors ${s.factorSimilarity.toFixed(2)} [${s.sharedWords.join(', ')}]; services ${s.sharedServices.join(', ') || '-'}; tags ${s.sharedTags.join(', ') || '-'}`,
      );
  const a = r.actions;
  out.push(
    '',
    `Action items: ${a.total} — ${a.done} done, ${a.open} open, ${a.wontDo} won't do; completion ${pct(a.completionRate)}; time to close median ${shortDuration(a.timeToClose.medianMs)}, p90 ${shortDuration(a.timeToClose.p90Ms)}`,
    `Past due (${a.overdue.length})${a.overdue.length ? `: by owner ${counts(a.overdueByOwner)}; by service ${counts(a.overdueByService)}` : ''}`,
    ...a.overdue.map(
      (o) =>
        `  ${o.postmortemId} ${o.key} ${o.text} — ${o.owner ?? '(no owner)'}, due ${o.due} (${o.daysOverdue} d)`,
    ),
    '',
    ...refList('Drafts', r.review.drafts),
    ...refList('Never reviewed', r.review.neverReviewed),
  );
  return out.join('\n') + '\n';
}

/** A heading with the count, then one line per postmortem (id and title), the first ten. */
function refList(heading: string, refs: readonly PostmortemRef[]): string[] {
  const SHOWN = 10;
  const lines = [`${heading} (${refs.length})`];
  for (const p of refs.slice(0, SHOWN)) lines.push(`  ${p.id}  ${p.title}`);
  if (refs.length > SHOWN) lines.push(`  … and ${refs.length - SHOWN} more (--json lists all)`);
  return lines;
}
