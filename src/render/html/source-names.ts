/**
 * Sources read from bare paths are named by their path; a page of `/home/…/logs/nginx/access.log`
 * labels says less than `nginx/access.log`. The folder every source shares is cut off once, and
 * the overview says which it was.
 */
import type { ReportAnalysis } from './types.js';

/** The folder (ending in `/`) every name starts with, or '' when they share none. */
export function sharedFolder(names: readonly string[]): string {
  if (names.length === 0 || names.some((n) => !n.includes('/'))) return '';
  let prefix = names[0]!.slice(0, names[0]!.lastIndexOf('/') + 1);
  for (const n of names)
    while (prefix && !n.startsWith(prefix))
      prefix = prefix.slice(0, prefix.slice(0, -1).lastIndexOf('/') + 1);
  return prefix;
}

/** The analysis with every source name shortened by the shared folder, and that folder. */
export function shortenSources(a: ReportAnalysis): { analysis: ReportAnalysis; folder: string } {
  const names = [...new Set(a.sources.map((s) => s.source))];
  const folder = sharedFolder(names);
  if (!folder) return { analysis: a, folder };
  const short = (name: string): string =>
    name.startsWith(folder) ? name.slice(folder.length) : name;
  return {
    folder,
    analysis: {
      ...a,
      sources: a.sources.map((s) => ({ ...s, source: short(s.source) })),
      moments: a.moments.map((m) => ({ ...m, source: short(m.source) })),
      impact: a.impact
        ? {
            ...a.impact,
            source: short(a.impact.source),
            affectedSources: a.impact.affectedSources.map(short),
          }
        : null,
      mttx: Object.fromEntries(
        Object.entries(a.mttx).map(([k, v]) => [
          k,
          v !== null && typeof v === 'object' && 'source' in v && typeof v.source === 'string'
            ? { ...v, source: short(v.source) }
            : v,
        ]),
      ) as ReportAnalysis['mttx'],
      traffic: a.traffic.map((t) => ({ ...t, source: short(t.source) })),
      templates: {
        topErrors: a.templates.topErrors.map((p) => ({ ...p, source: short(p.source) })),
        new: a.templates.new.map((p) => ({ ...p, source: short(p.source) })),
      },
      gaps: a.gaps.map((g) => ({ ...g, source: short(g.source) })),
      series: a.series.map((s) => ({ ...s, source: short(s.source) })),
    },
  };
}
