/**
 * MTTx: when impact started, was detected, acknowledged, mitigated and resolved, each with the
 * moment and evidence that set it (or marked unknown with the reason), and the durations between.
 */
import type { EvidenceRef } from './evidence.js';
import type { Moment } from './moments/moment.js';

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

function from(m: Moment | undefined, unknown: string): MttxPoint {
  if (!m) return { ts: null, how: unknown, evidence: [] };
  return { ts: m.ts, how: m.kind, source: m.source, evidence: m.evidence };
}

export function computeMttx(moments: readonly Moment[]): Mttx {
  const onset = moments.find((m) => m.kind === 'onset');
  const start = onset?.ts;
  const after = (m: Moment, margin = 0): boolean => start === undefined || m.ts >= start - margin;
  const alert = moments.find((m) => m.kind === 'alert_firing' && after(m, EARLY_ALERT_MS));
  const ack = moments.find((m) => (m.kind as string) === 'acknowledged' && after(m));
  const mitigation = moments.find((m) => m.kind === 'mitigation');
  const recovery =
    moments.find((m) => m.kind === 'recovery') ??
    [...moments].reverse().find((m) => m.kind === 'alert_resolved' && after(m));
  const points: Record<MttxStage, MttxPoint> = {
    started: from(onset, 'no change point found in error ratio, latency, errors or traffic'),
    detected: from(
      alert,
      'no alert in the evidence (add Alertmanager notifications or paging data)',
    ),
    acknowledged: from(
      ack,
      'no paging data in the evidence (acknowledgement comes from PagerDuty or similar)',
    ),
    mitigated: from(mitigation, 'no deploy, rollback, restart or reload after the onset'),
    resolved: from(recovery, 'signals not back at baseline by the end of the evidence'),
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
