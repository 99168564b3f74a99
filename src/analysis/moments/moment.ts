/** A key moment of the incident: what happened, when, where, how sure, and the lines that show it. */
import type { LogEvent } from '../../core/event.js';
import type { EvidenceRef } from '../evidence.js';

export const MOMENT_KINDS = [
  'deploy',
  'change',
  'config_reload',
  'first_error',
  'warning_sign',
  'new_template',
  'onset',
  'peak',
  'alert_firing',
  'alert_resolved',
  'mitigation',
  'recovery',
  'oom_kill',
  'restart',
  'slow_query',
  'metric_change',
  'page',
  'chat',
] as const;
export type MomentKind = (typeof MOMENT_KINDS)[number];

export interface Moment {
  kind: MomentKind;
  /** UTC epoch ms. */
  ts: number;
  source: string;
  /** 0..1: how sure the detector is that this moment is what its kind says. */
  confidence: number;
  /** One readable sentence. */
  title: string;
  evidence: EvidenceRef[];
  /** Kind-specific facts (sha, alert name, template, value, …). */
  data?: Record<string, string | number | boolean>;
}

/** A detector that watches the merged timeline event by event and reports at the end. */
export interface StreamDetector {
  add(e: LogEvent): void;
  finish(): Moment[];
}

export function evidenceOf(e: LogEvent): EvidenceRef[] {
  return [{ file: e.file, line: e.line }];
}

export function byTime(a: Moment, b: Moment): number {
  return a.ts - b.ts || a.kind.localeCompare(b.kind);
}
