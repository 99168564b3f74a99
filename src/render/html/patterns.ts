/**
 * The top error templates and the patterns new in the incident, with counts, when they were seen
 * (a small bar over the window, so a flood that started with the deploy stands out) and the first
 * line that shows each.
 */
import { markup, type SafeHtml } from './escape.js';
import { evidenceRef } from './evidence.js';
import { clock, count, msOf } from './format.js';
import type { PatternJson, ReportAnalysis } from './types.js';

/** Counts per step over the window as a line: a flood that starts with the deploy shows its shape. */
function sparkline(p: PatternJson): SafeHtml | string {
  const a = p.activity;
  if (!a || a.counts.length < 2) return '';
  const max = Math.max(...a.counts, 1);
  const n = a.counts.length - 1;
  const points = a.counts
    .map((c, i) => `${((i / n) * 100).toFixed(2)},${(9.5 - (c / max) * 9).toFixed(2)}`)
    .join(' ');
  const peak = a.counts.indexOf(Math.max(...a.counts));
  return markup`<svg
    class="activity sparkline"
    viewBox="0 0 100 10"
    preserveAspectRatio="none"
    role="img"
    aria-label="${`${count(p.count)} in all; at most ${count(max)} per ${a.stepSeconds / 60} min, in step ${peak + 1} of ${n + 1}`}"
  >
    <polyline points="${points}" class="sparkline-line" fill="none" vector-effect="non-scaling-stroke" />
  </svg>`;
}

function activity(
  p: PatternJson,
  from: number | undefined,
  to: number | undefined,
): SafeHtml | string {
  if (p.activity && p.activity.counts.length >= 2) return sparkline(p);
  const first = msOf(p.firstSeen);
  const last = msOf(p.lastSeen) ?? first;
  if (
    from === undefined ||
    to === undefined ||
    first === undefined ||
    last === undefined ||
    to <= from
  )
    return '';
  const x = (ms: number): number => (Math.min(Math.max(ms, from), to) - from) / (to - from);
  const left = x(first) * 100;
  const width = Math.max(0.8, (x(last) - x(first)) * 100);
  return markup`<svg
    class="activity"
    viewBox="0 0 100 10"
    preserveAspectRatio="none"
    role="img"
    aria-label="${`seen from ${clock(first)} to ${clock(last)} UTC`}"
  >
    <rect x="0" y="4" width="100" height="2" class="activity-track" />
    <rect
      x="${left.toFixed(2)}"
      y="1"
      width="${width.toFixed(2)}"
      height="8"
      class="activity-span"
    />
  </svg>`;
}

function table(
  caption: string,
  patterns: readonly PatternJson[],
  a: ReportAnalysis,
  limit: number,
): SafeHtml {
  if (patterns.length === 0) return markup`<p class="empty">${caption}: none.</p>`;
  const from = msOf(a.window?.from);
  const to = msOf(a.window?.to);
  return markup`<table class="patterns">
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col" class="num">Count</th>
        <th scope="col">Source</th>
        <th scope="col">Template</th>
        <th scope="col">Seen (UTC)</th>
        <th scope="col">When in the window</th>
        <th scope="col">First line</th>
      </tr>
    </thead>
    <tbody>
      ${patterns.slice(0, limit).map((p) => {
        const first = msOf(p.firstSeen);
        const last = msOf(p.lastSeen);
        const ev = p.evidence[0];
        return markup`<tr>
          <td class="num">${count(p.count)}</td>
          <td>${p.source}</td>
          <td><code class="template">${p.template}</code></td>
          <td class="nowrap">
            ${first === undefined ? '–' : clock(first)}${last !== undefined && last !== first ? markup`–${clock(last)}` : ''}
          </td>
          <td>${activity(p, from, to)}</td>
          <td class="evidence">${ev ? evidenceRef(ev) : ''}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

export function patternTables(a: ReportAnalysis): SafeHtml {
  return markup`${table('Top error templates', a.templates.topErrors, a, 15)}${table('New patterns (first seen in the incident)', a.templates.new, a, 15)}`;
}
