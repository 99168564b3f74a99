/** The evidence-derived text of a draft: sentences, lists and the timeline table, from an analysis. */
import type { Analysis } from '../../analysis/analyze.js';
import type { EvidenceRef } from '../../analysis/evidence.js';
import type { Moment } from '../../analysis/moments/moment.js';
import { formatDuration } from '../../render/analysis-text.js';

export interface FactsContext {
  /** Turns an evidence file (as the analysis names it) into a link target for the document. */
  link: (file: string) => string;
}

function utc(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return 'unknown';
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

function pct(x: number | null): string {
  return x === null ? 'unknown' : `${(x * 100).toFixed(1)}%`;
}

function ms(x: number | null): string {
  if (x === null) return 'unknown';
  return x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`;
}

/** `[nginx/access.log:7477](nginx/access.log#L7477)`: GitHub and GitLab open the file at the line. */
export function evidenceLink(e: EvidenceRef, ctx: FactsContext): string {
  const target = ctx.link(e.file);
  return `[${target}:${e.line}](${encodeURI(target)}#L${e.line})`;
}

function cellText(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** Two or three sentences a reader outside the team understands, from what the evidence shows. */
export function summaryFacts(a: Analysis): string {
  const i = a.impact;
  if (!i)
    return 'The evidence shows no change in error ratio, latency, errors or traffic: say what happened.';
  const parts: string[] = [];
  const span = i.durationSeconds !== null ? ` for ${formatDuration(i.durationSeconds)}` : '';
  if (i.source && i.requests > 0)
    parts.push(
      `From ${utc(i.start)}${span}, ${i.failedRequests.toLocaleString('en')} of ${i.requests.toLocaleString('en')} requests through ${i.source} failed (${pct(i.errorRatio)}).`,
    );
  else if (i.affectedSources.length > 0)
    parts.push(`From ${utc(i.start)}${span}, ${i.affectedSources.join(', ')} left their baseline.`);
  else {
    // Only metrics dated the impact: name what the onset saw.
    const onset = a.moments.find((m) => m.kind === 'onset');
    const what = onset ? `: ${lowerFirst(onset.title.split(';')[0]!)}` : '';
    parts.push(`Impact began at ${utc(i.start)}${span}${what}.`);
  }
  const suspect = a.suspects[0];
  if (suspect)
    parts.push(
      `${formatDuration(suspect.secondsBeforeOnset)} before, ${lowerFirst(suspect.title)} (a candidate trigger to confirm).`,
    );
  const mitigation = a.moments.find((m) => m.kind === 'mitigation');
  if (mitigation)
    parts.push(`Impact ended after ${lowerFirst(mitigation.title.replace(/^mitigation: /, ''))}.`);
  return parts.join(' ');
}

function lowerFirst(s: string): string {
  return s.length > 1 && /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** The impact in numbers: what a reader needs to judge severity. */
export function impactFacts(a: Analysis, ctx: FactsContext): string {
  const i = a.impact;
  if (!i) return '- No impact found in the evidence: state what users saw, with numbers.';
  const lines: string[] = [];
  lines.push(
    `- **Duration**: ${utc(i.start)} → ${i.end !== null ? utc(i.end) : 'still impacted at the end of the evidence'}${i.durationSeconds !== null ? ` (${formatDuration(i.durationSeconds)})` : ''}`,
  );
  if (i.source && i.requests > 0) {
    lines.push(
      `- **Failed requests** (${i.source}, HTTP 5xx): ${i.failedRequests.toLocaleString('en')} of ${i.requests.toLocaleString('en')} (${pct(i.errorRatio)}); peak ${pct(i.peakErrorRatio)} per ${a.window ? a.window.bucketMs / 1000 : '?'} s`,
    );
  }
  const edge = a.traffic.find((t) => t.source === i.source);
  if (edge?.baseline && edge.incident.p95 !== null)
    lines.push(
      `- **Latency** (${edge.source}, p95): ${ms(edge.incident.p95)} against ${ms(edge.baseline.p95)} in the ${edge.baselineKind === 'week' ? 'same period a week earlier' : 'period before'}`,
    );
  const routes = a.top.find((t) => t.source === i.source)?.errorRoutes ?? [];
  if (routes.length > 0)
    lines.push(
      `- **Where the 5xx went**: ${routes
        .slice(0, 4)
        .map((r) => `\`${r.value}\` ${r.count.toLocaleString('en')}`)
        .join(', ')}`,
    );
  const errors = a.templates.topErrors.slice(0, 3);
  if (errors.length > 0)
    lines.push(
      `- **Top errors**: ${errors.map((p) => `${cellText(p.template)} (${p.source}, ×${p.errors.toLocaleString('en')}, first ${evidenceLink(p.first, ctx)})`).join('; ')}`,
    );
  lines.push(`- **Affected sources**: ${i.affectedSources.join(', ') || 'none found'}`);
  lines.push('- **Users, orders or money affected**: <!-- people know: fill in --> TBD');
  return lines.join('\n');
}

function actorOf(m: Moment): string {
  if (m.kind === 'change' && typeof m.data?.author === 'string') return m.data.author;
  if (m.kind.startsWith('alert')) return 'Alertmanager';
  if (m.kind === 'deploy' || m.kind === 'mitigation') return 'TBD (who deployed?)';
  return 'system';
}

/** The timeline table: one row per key moment, oldest first, each linking its evidence. */
export function timelineTable(a: Analysis, ctx: FactsContext): string {
  const stage = new Map<Moment, string>();
  const detected = a.mttx.points.detected;
  // Every key moment makes a row, except new templates of the routine kind (info level).
  const rows = a.moments.filter((m) => !(m.kind === 'new_template' && m.confidence < 0.8));
  for (const m of rows) {
    if (m.kind === 'onset') stage.set(m, 'Impact starts');
    if (m.kind === 'mitigation') stage.set(m, 'Mitigated');
    if (m.kind === 'recovery') stage.set(m, 'Resolved');
    if (m.kind === 'alert_firing' && detected.ts === m.ts && !stage.has(m))
      stage.set(m, 'Detected');
  }
  // The deploy the mitigation repeats is shown once, as the mitigation.
  const shown = rows.filter(
    (m) => !(m.kind === 'deploy' && rows.some((x) => x.kind === 'mitigation' && x.ts === m.ts)),
  );
  const out = ['| Time (UTC) | Event | Evidence | Actor |', '| --- | --- | --- | --- |'];
  for (const m of shown) {
    const label = stage.get(m);
    const event = label ? `**${label}**: ${m.title.replace(/^mitigation: /, '')}` : m.title;
    out.push(
      `| ${utc(m.ts).replace(' UTC', '')} | ${cellText(event)} | ${m.evidence
        .slice(0, 2)
        .map((e) => evidenceLink(e, ctx))
        .join(', ')} | ${cellText(actorOf(m))} |`,
    );
  }
  if (shown.length === 0)
    out.push('| YYYY-MM-DD HH:mm | No key moments found in the evidence | | |');
  return out.join('\n');
}

export function detectionFacts(a: Analysis, ctx: FactsContext): string {
  const p = a.mttx.points.detected;
  if (p.ts === null)
    return `No alert in the evidence detected it (${p.how}). Who noticed first, and how?`;
  const after =
    a.mttx.timeToDetect !== null
      ? `, ${formatDuration(a.mttx.timeToDetect)} after the impact started`
      : '';
  const alert = a.moments.find((m) => m.kind === 'alert_firing' && m.ts === p.ts);
  return `${alert ? `Alert ${alert.data?.alertname ?? ''} fired` : 'Detected'} at ${utc(p.ts)}${after} (${p.evidence.map((e) => evidenceLink(e, ctx)).join(', ')}).`;
}

export function responseFacts(a: Analysis): string {
  const p = a.mttx.points.acknowledged;
  return p.ts === null
    ? `Acknowledgement time unknown: ${p.how}. Who was paged, who joined, and when?`
    : `Acknowledged at ${utc(p.ts)}${a.mttx.timeToAcknowledge !== null ? `, ${formatDuration(a.mttx.timeToAcknowledge)} after the start` : ''}.`;
}

export function recoveryFacts(a: Analysis, ctx: FactsContext): string {
  const m = a.mttx.points.mitigated;
  const r = a.mttx.points.resolved;
  const lines: string[] = [];
  lines.push(
    m.ts === null
      ? `- **Mitigation**: not found in the evidence (${m.how}).`
      : `- **Mitigation** at ${utc(m.ts)}${a.mttx.timeToMitigate !== null ? ` (+${formatDuration(a.mttx.timeToMitigate)})` : ''}: ${a.moments.find((x) => x.kind === 'mitigation')?.title.replace(/^mitigation: /, '') ?? m.how} (${m.evidence.map((e) => evidenceLink(e, ctx)).join(', ')})`,
  );
  lines.push(
    r.ts === null
      ? `- **Resolution**: ${r.how}.`
      : `- **Back to baseline** at ${utc(r.ts)}${a.mttx.timeToResolve !== null ? ` (+${formatDuration(a.mttx.timeToResolve)})` : ''} (${r.evidence.map((e) => evidenceLink(e, ctx)).join(', ')})`,
  );
  return lines.join('\n');
}

/** Contributing factors the evidence suggests, for the team to confirm, move or delete. */
export function candidateFactors(a: Analysis, ctx: FactsContext): string {
  const out: string[] = [];
  const s = a.suspects[0];
  if (s)
    out.push(
      `- (candidate, immediate) ${s.title}, ${formatDuration(s.secondsBeforeOnset)} before the onset (${s.evidence.map((e) => evidenceLink(e, ctx)).join(', ')})`,
    );
  const err = a.templates.topErrors[0];
  if (err)
    out.push(
      `- (candidate) saturated or failing dependency: ${err.source} logged "${cellText(err.template)}" ${err.errors.toLocaleString('en')} times from ${utc(err.firstTs)} (${evidenceLink(err.first, ctx)})`,
    );
  const slow = a.slowQueries[0];
  if (slow)
    out.push(
      `- (candidate) slow queries: up to ${ms(slow.durationMs)} (\`${cellText(slow.statement).slice(0, 100)}\`, ${evidenceLink(slow, ctx)})`,
    );
  for (const m of a.moments.filter((x) => x.kind === 'oom_kill').slice(0, 2))
    out.push(
      `- (candidate) ${m.title} (${m.evidence.map((e) => evidenceLink(e, ctx)).join(', ')})`,
    );
  if (a.mttx.points.detected.ts === null)
    out.push('- (candidate, systemic) no alert fired for this impact: detection relied on people');
  else if (a.mttx.timeToDetect !== null && a.mttx.timeToDetect > 300)
    out.push(
      `- (candidate, systemic) detection took ${formatDuration(a.mttx.timeToDetect)} after the impact began`,
    );
  if (out.length === 0) out.push('- (none suggested by the evidence)');
  return out.join('\n');
}
