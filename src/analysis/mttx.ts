/**
 * MTTx: when impact started, was detected, acknowledged, mitigated and resolved, each with the
 * moment and evidence that set it (or marked unknown with the reason), and the durations between.
 */
import type { LogEvent } from '../core/event.js';
import type { EvidenceRef } from './evidence.js';
import { evidenceOf, type Moment } from './moments/moment.js';

export type MttxStage = 'started' | 'detected' | 'acknowledged' | 'mitigated' | 'resolved';
export const MTTX_STAGES: readonly MttxStage[] = [
  'started',
  'detected',
  'acknowledged',
  'mitigated',
  'resolved',
];

export interface MttxPoint {
  ts: number | null;
  /** The moment kind that set it, or why it is unknown. */
  how: string;
  source?: string;
  evidence: EvidenceRef[];
}

export interface Mttx {
  points: Record<MttxStage, MttxPoint>;
  /** Seconds from the start of impact; null where either end is unknown. */
  timeToDetect: number | null;
  timeToAcknowledge: number | null;
  timeToMitigate: number | null;
  timeToResolve: number | null;
}

/** Alerts that began this long before the onset still count as detecting it. */
const EARLY_ALERT_MS = 5 * 60_000;

/** A paging record (a PagerDuty log entry, as the pagerduty connector writes it). */
export interface PageRecord {
  ts: number;
  source: string;
  incident?: string;
  agent?: string;
  evidence: EvidenceRef[];
}

export interface Paging {
  /** Pages sent (PagerDuty `trigger_log_entry`), oldest first. */
  triggered: PageRecord[];
  /** `acknowledge_log_entry`, oldest first. */
  acknowledged: PageRecord[];
  /** `resolve_log_entry`, oldest first. */
  resolved: PageRecord[];
}

const PAGE_STAGES: Record<string, keyof Paging> = {
  trigger_log_entry: 'triggered',
  acknowledge_log_entry: 'acknowledged',
  resolve_log_entry: 'resolved',
};

/**
 * Watches the timeline for paging records (`kind: page` with a `pagerduty_type`), so that a page
 * counts as detection and its acknowledgement sets the acknowledged time.
 */
export class PagingTracker {
  private readonly paging: Paging = { triggered: [], acknowledged: [], resolved: [] };

  add(e: LogEvent): void {
    if (e.attrs.kind !== 'page') return;
    const type = e.attrs.pagerduty_type;
    const stage = typeof type === 'string' ? PAGE_STAGES[type] : undefined;
    if (stage === undefined) return;
    const r: PageRecord = { ts: e.ts, source: e.source, evidence: evidenceOf(e) };
    if (typeof e.attrs.incident === 'string') r.incident = e.attrs.incident;
    if (typeof e.attrs.agent === 'string') r.agent = e.attrs.agent;
    this.paging[stage].push(r);
  }

  finish(): Paging {
    for (const list of Object.values(this.paging) as PageRecord[][])
      list.sort((a, b) => a.ts - b.ts);
    return this.paging;
  }
}

const NO_PAGING: Paging = { triggered: [], acknowledged: [], resolved: [] };

function fromPage(p: PageRecord, how: string): MttxPoint {
  return { ts: p.ts, how, source: p.source, evidence: p.evidence };
}

/** The earlier of two points; a known time beats an unknown one. */
function earlier(a: MttxPoint, b: MttxPoint | undefined): MttxPoint {
  if (!b || b.ts === null) return a;
  return a.ts === null || b.ts < a.ts ? b : a;
}

function from(m: Moment | undefined, unknown: string): MttxPoint {
  if (!m) return { ts: null, how: unknown, evidence: [] };
  return { ts: m.ts, how: m.kind, source: m.source, evidence: m.evidence };
}

/**
 * The MTTx points from the key moments and, when the evidence has paging records, the pages: a
 * page before any alert is the detection, the first acknowledgement after the onset is the
 * acknowledgement, and a resolved page stands in when no signal showed the recovery.
 */
export function computeMttx(moments: readonly Moment[], paging: Paging = NO_PAGING): Mttx {
  const onset = moments.find((m) => m.kind === 'onset');
  const start = onset?.ts;
  const after = (m: Moment, margin = 0): boolean => start === undefined || m.ts >= start - margin;
  const alert = moments.find((m) => m.kind === 'alert_firing' && after(m, EARLY_ALERT_MS));
  const ack = moments.find((m) => (m.kind as string) === 'acknowledged' && after(m));
  const mitigation = moments.find((m) => m.kind === 'mitigation');
  const recovery =
    moments.find((m) => m.kind === 'recovery') ??
    [...moments].reverse().find((m) => m.kind === 'alert_resolved' && after(m));
  const afterTs = (p: PageRecord, margin = 0): boolean =>
    start === undefined || p.ts >= start - margin;
  const page = paging.triggered.find((p) => afterTs(p, EARLY_ALERT_MS));
  // An acknowledgement counts from the page it answers: never before the first page considered.
  const pageAck = paging.acknowledged.find(
    (p) => afterTs(p) && (page === undefined || p.ts >= page.ts),
  );
  const pageResolved = paging.resolved.find((p) => afterTs(p));
  const points: Record<MttxStage, MttxPoint> = {
    started: from(onset, 'no change point found in error ratio, latency, errors or traffic'),
    detected: earlier(
      from(alert, 'no alert in the evidence (add Alertmanager notifications or paging data)'),
      page && fromPage(page, 'page_triggered'),
    ),
    acknowledged: earlier(
      from(ack, 'no paging data in the evidence (acknowledgement comes from PagerDuty or similar)'),
      pageAck && fromPage(pageAck, 'page_acknowledged'),
    ),
    mitigated: from(mitigation, 'no deploy, rollback, restart or reload after the onset'),
    resolved:
      recovery || !pageResolved
        ? from(recovery, 'signals not back at baseline by the end of the evidence')
        : fromPage(pageResolved, 'page_resolved'),
  };
  const since = (p: MttxPoint): number | null =>
    p.ts === null || start === undefined ? null : Math.round((p.ts - start) / 100) / 10;
  return {
    points,
    timeToDetect: since(points.detected),
    timeToAcknowledge: since(points.acknowledged),
    timeToMitigate: since(points.mitigated),
    timeToResolve: since(points.resolved),
  };
}
