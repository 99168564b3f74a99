/** Slow queries from database logs (PostgreSQL `duration:` lines, MySQL/MariaDB slow query logs): the first slow one and the top N. */
import type { LogEvent } from '../../core/event.js';
import type { EvidenceRef } from '../evidence.js';
import { oneLine } from '../evidence.js';
import { evidenceOf, type Moment, type StreamDetector } from './moment.js';

export interface SlowQuery extends EvidenceRef {
  ts: number;
  source: string;
  durationMs: number;
  statement: string;
}

export class SlowQueryDetector implements StreamDetector {
  /** Kept sorted by duration, longest first, at most `top` long. */
  readonly top: SlowQuery[] = [];
  count = 0;
  private first: LogEvent | undefined;

  constructor(
    private readonly thresholdMs = 1000,
    private readonly keep = 10,
  ) {}

  add(e: LogEvent): void {
    const ms = e.attrs.durationMs;
    if (typeof ms !== 'number' || !(ms >= this.thresholdMs)) return;
    this.count++;
    this.first ??= e;
    const worst = this.top[this.top.length - 1];
    if (this.top.length >= this.keep && worst && worst.durationMs >= ms) return;
    const statement = typeof e.attrs.statement === 'string' ? e.attrs.statement : e.message;
    const q: SlowQuery = {
      ts: e.ts,
      source: e.source,
      file: e.file,
      line: e.line,
      durationMs: ms,
      statement: oneLine(statement.replace(/\s+/g, ' '), 200),
    };
    let i = this.top.findIndex((t) => t.durationMs < ms);
    if (i < 0) i = this.top.length;
    this.top.splice(i, 0, q);
    if (this.top.length > this.keep) this.top.pop();
  }

  finish(): Moment[] {
    const e = this.first;
    if (!e) return [];
    return [
      {
        kind: 'slow_query',
        ts: e.ts,
        source: e.source,
        confidence: 0.9,
        title: `first query over ${this.thresholdMs} ms in ${e.source} (${Math.round(e.attrs.durationMs as number)} ms); ${this.count} in all`,
        evidence: evidenceOf(e),
        data: { durationMs: e.attrs.durationMs as number, count: this.count },
      },
    ];
  }
}
