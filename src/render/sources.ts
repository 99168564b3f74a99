/** The `aftermath sources` table: what was read from each source, and how. */
import { basename } from 'node:path';
import { formatUtc } from '../core/time.js';
import type { SourceSummary } from '../ingest/source.js';
import { renderTable } from './table.js';

function pct(part: number, whole: number): string {
  if (whole === 0) return '-';
  const p = (part / whole) * 100;
  return p === 100 ? '100%' : p >= 99.95 ? '>99.9%' : `${p.toFixed(1)}%`;
}

/**
 * How each summary is named in a listing: its source, and the file too where a rotated log's
 * files share the source's name (`access.log [access.log.1]`).
 */
export function sourceLabels(sources: readonly SourceSummary[]): string[] {
  const seen = new Map<string, number>();
  for (const s of sources) seen.set(s.source, (seen.get(s.source) ?? 0) + 1);
  return sources.map((s) =>
    (seen.get(s.source) ?? 0) > 1 ? `${s.source} [${basename(s.file)}]` : s.source,
  );
}

export function renderSources(sources: readonly SourceSummary[]): string {
  const labels = sourceLabels(sources);
  const rows = sources.map((s, i) => {
    const format = s.skipped
      ? `(${s.skipped})`
      : `${s.format}${s.forced ? ' (forced)' : ` ${Math.round(s.confidence * 100)}%`}`;
    const zone = s.skipped
      ? '-'
      : s.zonedShare === 1
        ? 'in timestamps'
        : `${s.zone}${s.zonedShare > 0 ? ' (partly)' : ''}`;
    const warnings = s.diagnostics.filter((d) => d.severity !== 'info').length;
    return [
      labels[i]!,
      format,
      String(s.lines),
      s.skipped ? '-' : pct(s.entries + s.continuations, s.lines - s.blank),
      Number.isNaN(s.minTs) ? '-' : formatUtc(s.firstTs),
      Number.isNaN(s.maxTs) ? '-' : formatUtc(s.lastTs),
      zone,
      String(s.outOfOrder),
      String(warnings),
    ];
  });
  return renderTable(
    [
      { header: 'SOURCE' },
      { header: 'FORMAT' },
      { header: 'LINES', align: 'right' },
      { header: 'PARSED', align: 'right' },
      { header: 'FIRST (UTC)' },
      { header: 'LAST (UTC)' },
      { header: 'ZONE' },
      { header: 'OUT-OF-ORDER', align: 'right' },
      { header: 'WARNINGS', align: 'right' },
    ],
    rows,
  );
}
