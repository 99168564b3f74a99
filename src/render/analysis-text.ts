/** The readable summary of an analysis: for a terminal (`aftermath analyze`) or Markdown (`--md`). */
import type { Analysis } from '../analysis/analyze.js';
import { formatBucket } from '../analysis/buckets.js';
import type { EvidenceRef } from '../analysis/evidence.js';
import { MTTX_STAGES, type MttxStage } from '../analysis/mttx.js';
import { formatMetricValue, seriesId } from '../core/metric.js';
import { renderTable } from './table.js';

export interface TextStyle {
  markdown: boolean;
  bold: (s: string) => string;
  dim: (s: string) => string;
}

const PLAIN: TextStyle = { markdown: false, bold: (s) => s, dim: (s) => s };

export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 60) return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.round((s % 86400) / 3600)} h`;
}

function timeFormatter(a: Analysis): (ms: number | null) => string {
  const sameDay =
    a.window !== null &&
    new Date(a.window.from).toISOString().slice(0, 10) ===
      new Date(a.window.to - 1).toISOString().slice(0, 10);
  return (ms) => {
    if (ms === null) return '-';
    const text = new Date(ms).toISOString();
    return sameDay ? text.slice(11, 23) : `${text.slice(0, 10)} ${text.slice(11, 19)}`;
  };
}

function where(e: readonly EvidenceRef[]): string {
  return e.length > 0 ? `${e[0]!.file}:${e[0]!.line}` : '';
}

function pct(x: number | null): string {
  return x === null ? '-' : `${(x * 100).toFixed(1)}%`;
}

function ms(x: number | null): string {
  if (x === null) return '-';
  return x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`;
}

function table(
  style: TextStyle,
  headers: string[],
  rows: string[][],
  right: number[] = [],
): string {
  if (style.markdown) {
    const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const lines = [
      `| ${headers.join(' | ')} |`,
      `| ${headers.map((_, i) => (right.includes(i) ? '---:' : '---')).join(' | ')} |`,
      ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
    ];
    return lines.join('\n');
  }
  return renderTable(
    headers.map((h, i) => ({
      header: h,
      ...(right.includes(i) ? { align: 'right' as const } : {}),
    })),
    rows,
  )
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

function heading(style: TextStyle, text: string): string {
  return style.markdown ? `## ${text}` : style.bold(text);
}

const STAGE_TEXT: Record<MttxStage, string> = {
  started: 'impact started',
  detected: 'detected',
  acknowledged: 'acknowledged',
  mitigated: 'mitigated',
  resolved: 'resolved',
};

export function renderAnalysis(a: Analysis, title: string, style: TextStyle = PLAIN): string {
  const t = timeFormatter(a);
  const out: string[] = [];
  const head = a.window
    ? `${t(a.window.from)} → ${t(a.window.to)} UTC, ${formatBucket(a.window.bucketMs)} buckets`
    : 'no timed events';
  const date = a.window ? new Date(a.window.from).toISOString().slice(0, 10) : '';
  out.push(
    style.markdown
      ? `# Analysis: ${title}\n\n${date} ${head}`
      : `${style.bold(title)}  ${style.dim(`${date} ${head}`)}`,
  );

  const story = a.moments;
  if (story.length > 0) {
    out.push(heading(style, 'What happened (UTC)'));
    out.push(
      table(
        style,
        ['TIME', 'KIND', 'WHAT', 'EVIDENCE'],
        story.map((m) => [t(m.ts), m.kind, clip(m.title, 90), where(m.evidence)]),
      ),
    );
  }

  out.push(heading(style, 'Impact'));
  if (a.impact) {
    const i = a.impact;
    const span = `${t(i.start)} → ${i.end !== null ? t(i.end) : 'end of evidence'}${i.durationSeconds !== null ? ` (${formatDuration(i.durationSeconds)})` : ''}`;
    const reqs = i.source
      ? `; ${i.source}: ${i.failedRequests.toLocaleString('en')} of ${i.requests.toLocaleString('en')} requests failed (${pct(i.errorRatio)}), peak 5xx ratio ${pct(i.peakErrorRatio)} per ${formatBucket(a.window!.bucketMs)}`
      : '';
    out.push(`  ${span}${reqs}; affected: ${i.affectedSources.join(', ') || '-'}`);
  } else out.push('  no change point found in error ratio, latency, error counts or traffic');

  out.push(heading(style, 'MTTx (from the start of impact)'));
  const since: Record<MttxStage, number | null> = {
    started: 0,
    detected: a.mttx.timeToDetect,
    acknowledged: a.mttx.timeToAcknowledge,
    mitigated: a.mttx.timeToMitigate,
    resolved: a.mttx.timeToResolve,
  };
  out.push(
    table(
      style,
      ['STAGE', 'TIME', 'AFTER', 'SET BY', 'EVIDENCE'],
      MTTX_STAGES.map((k) => {
        const p = a.mttx.points[k];
        const after = since[k];
        return [
          STAGE_TEXT[k],
          t(p.ts),
          after === null ? '-' : k === 'started' ? '' : `+${formatDuration(after)}`,
          p.ts === null ? `unknown: ${p.how}` : p.how,
          where(p.evidence),
        ];
      }),
    ),
  );

  if (a.suspects.length > 0) {
    out.push(heading(style, 'Changes before the onset (closest first)'));
    out.push(
      table(
        style,
        ['BEFORE', 'KIND', 'WHAT', 'EVIDENCE'],
        a.suspects.map((s) => [
          formatDuration(s.secondsBeforeOnset),
          s.kind,
          clip(s.title, 90),
          where(s.evidence),
        ]),
        [0],
      ),
    );
  }

  if (a.templates.topErrors.length > 0) {
    out.push(heading(style, 'Top error templates'));
    out.push(
      table(
        style,
        ['ERRORS', 'SOURCE', 'TEMPLATE', 'FIRST'],
        a.templates.topErrors.map((p) => [
          String(p.errors),
          p.source,
          clip(p.template, 90),
          t(p.firstTs),
        ]),
        [0],
      ),
    );
  }
  if (a.templates.new.length > 0) {
    out.push(heading(style, 'New patterns (not seen in the first part of the window)'));
    out.push(
      table(
        style,
        ['COUNT', 'SOURCE', 'TEMPLATE', 'FIRST', 'EVIDENCE'],
        a.templates.new.map((p) => [
          String(p.count),
          p.source,
          clip(p.template, 80),
          t(p.firstTs),
          where([p.first]),
        ]),
        [0],
      ),
    );
  }

  if (a.slowQueries.length > 0) {
    out.push(heading(style, 'Slowest queries'));
    out.push(
      table(
        style,
        ['DURATION', 'TIME', 'STATEMENT', 'EVIDENCE'],
        a.slowQueries
          .slice(0, 5)
          .map((q) => [ms(q.durationMs), t(q.ts), clip(q.statement, 80), `${q.file}:${q.line}`]),
        [0],
      ),
    );
  }

  const traffic = a.traffic.filter((x) => x.incident.events > 0);
  if (traffic.length > 0) {
    out.push(heading(style, 'Impact period against the baseline'));
    out.push(
      table(
        style,
        ['SOURCE', 'BASELINE', 'PER MIN', 'vs', '5XX', 'vs', 'P95', 'vs'],
        traffic.map((x) => [
          x.source,
          x.baselineKind,
          String(x.incident.perMinute),
          x.baseline ? String(x.baseline.perMinute) : '-',
          pct(x.incident.errorRatio),
          x.baseline ? pct(x.baseline.errorRatio) : '-',
          ms(x.incident.p95),
          x.baseline ? ms(x.baseline.p95) : '-',
        ]),
        [2, 3, 4, 5, 6, 7],
      ),
    );
  }

  for (const top of a.top) {
    if (top.errorRoutes.length === 0) continue;
    out.push(heading(style, `${top.source}: where the 5xx went`));
    out.push(
      table(
        style,
        ['5XX', 'ROUTE'],
        top.errorRoutes.slice(0, 5).map((r) => [String(r.count), r.value]),
        [0],
      ),
    );
  }

  if (a.metrics.length > 0) {
    out.push(heading(style, 'Metrics'));
    out.push(
      table(
        style,
        ['SERIES', 'SAMPLES', 'BASELINE', 'MIN', 'MAX', 'LAST', 'FILE'],
        a.metrics.map((m) => {
          const v = (x: number | null): string => formatMetricValue(x, m.unit);
          return [
            clip(seriesId(m), 70),
            String(m.samples),
            v(m.baseline),
            v(m.min),
            v(m.max),
            v(m.last),
            m.file,
          ];
        }),
        [1, 2, 3, 4, 5],
      ),
    );
  }

  if (a.skew.length > 0) {
    out.push(heading(style, 'Clock skew'));
    for (const s of a.skew)
      out.push(
        `  ${s.source}: ${s.offsetSeconds > 0 ? '+' : ''}${s.offsetSeconds} s (${s.method}, confidence ${s.confidence})${s.detail ? ` — ${s.detail}` : ''}`,
      );
  }
  if (a.gaps.length > 0) {
    out.push(heading(style, 'Gaps in the evidence'));
    for (const g of a.gaps) out.push(`  ${style.markdown ? '- ' : ''}${g.message}`);
  }
  return `${out.join('\n\n')}\n`;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
