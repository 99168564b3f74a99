/** The first error of each source: level error or worse, or a 5xx response. */
import type { LogEvent } from '../../core/event.js';
import { oneLine } from '../evidence.js';
import { isAnnotation, isError, statusOf } from '../signals.js';
import { evidenceOf, type Moment, type StreamDetector } from './moment.js';

export class FirstErrorDetector implements StreamDetector {
  private readonly firsts = new Map<string, LogEvent>();

  add(e: LogEvent): void {
    // An alert notification is not an error of the system it is about.
    if (this.firsts.has(e.source) || !isError(e) || isAnnotation(e)) return;
    this.firsts.set(e.source, e);
  }

  finish(): Moment[] {
    return [...this.firsts.values()].map((e) => {
      const status = statusOf(e);
      const what =
        status !== undefined && status >= 500
          ? `${status} ${oneLine(e.message, 100)}`
          : oneLine(e.message, 120);
      const m: Moment = {
        kind: 'first_error',
        ts: e.ts,
        source: e.source,
        confidence: 1,
        title: `first error in ${e.source}: ${what}`,
        evidence: evidenceOf(e),
        data: { level: e.level },
      };
      if (status !== undefined) m.data!.status = status;
      return m;
    });
  }
}
