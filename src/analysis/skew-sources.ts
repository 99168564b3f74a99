/** What the skew estimators need to know about each source: zone-less or not, and its resolution. */
import type { LogEvent } from '../core/event.js';

interface Tally {
  events: number;
  zoneless: number;
  /** Events whose ts is a multiple of 1000, 100, 10 ms. */
  whole: [number, number, number];
}

const STEPS = [1000, 100, 10] as const;
// A ms clock lands on a whole second 1 time in 1,000; a 1 s clock always does.
const RESOLUTION_SHARE = 0.98;

export class SourceStats {
  private readonly tallies = new Map<string, Tally>();

  add(e: LogEvent): void {
    let t = this.tallies.get(e.source);
    if (t === undefined)
      this.tallies.set(e.source, (t = { events: 0, zoneless: 0, whole: [0, 0, 0] }));
    t.events++;
    if (!e.zoned) t.zoneless++;
    for (let i = 0; i < STEPS.length; i++) if (e.ts % STEPS[i]! === 0) t.whole[i] = t.whole[i]! + 1;
  }

  names(): string[] {
    return [...this.tallies.keys()];
  }

  events(source: string): number {
    return this.tallies.get(source)?.events ?? 0;
  }

  /** Most of its timestamps carry no zone: they were read in the configured zone. */
  zoneless(source: string): boolean {
    const t = this.tallies.get(source);
    return t !== undefined && t.zoneless * 2 > t.events;
  }

  /**
   * The step its timestamps are written in (ms). Writers truncate, so the true time of an
   * event is in [ts, ts + resolution).
   */
  resolutionMs(source: string): number {
    const t = this.tallies.get(source);
    if (t === undefined || t.events === 0) return 1;
    for (let i = 0; i < STEPS.length; i++) {
      if (t.whole[i]! >= RESOLUTION_SHARE * t.events) return STEPS[i]!;
    }
    return 1;
  }
}
