/**
 * Local time from activity: a zone-less source read in the wrong zone has the same busy and
 * failing minutes as the zoned sources, a whole number of hours (or quarter hours) away.
 */
import type { LogEvent } from '../core/event.js';
import { levelRank } from '../core/level.js';
import type { SourceStats } from './skew-sources.js';
import type { SkewEstimate } from './skew-types.js';
import { aheadOrBehind, duration } from './skew-format.js';

interface Bucket {
  events: number;
  errors: number;
  /** The first event of the minute, for evidence. */
  file: string;
  line: number;
}

const MINUTE = 60_000;
const ERROR_RANK = levelRank('error');

/** Per-minute event and error counts per source, the oldest minutes dropped past the cap. */
export class ActivityStore {
  readonly bySource = new Map<string, Map<number, Bucket>>();

  constructor(private readonly maxMinutes: number) {}

  add(e: LogEvent): void {
    let minutes = this.bySource.get(e.source);
    if (minutes === undefined) this.bySource.set(e.source, (minutes = new Map()));
    const m = Math.floor(e.ts / MINUTE);
    let b = minutes.get(m);
    if (b === undefined) {
      minutes.set(m, (b = { events: 0, errors: 0, file: e.file, line: e.line }));
      // A source's events come in time order, so the first key is its oldest minute.
      if (minutes.size > this.maxMinutes) minutes.delete(minutes.keys().next().value as number);
    }
    b.events++;
    const status = e.attrs.status;
    if (levelRank(e.level) >= ERROR_RANK || (typeof status === 'number' && status >= 500)) {
      b.errors++;
    }
  }
}

// Zones run from −12 h to +14 h; either sign, since the configured zone may be the wrong one.
const MAX_SHIFT_MIN = 14 * 60;
const STEP_MIN = 15;
const MIN_EVENTS = 30;
const MIN_MINUTES = 5;
const MIN_ERRORS = 5;
// A quarter-hour zone must beat the best whole hour by this much to be preferred.
const WHOLE_HOUR_PREFERENCE = 0.05;
const MIN_SCORE = 0.5;
const MIN_GAIN = 0.25;

type Series = Map<number, number>;

/** Cosine of z with the window of r that z covers when shifted: 1 when their shapes match. */
function similarity(z: Series, r: Series, shift: number, zFrom: number, zTo: number): number {
  let dot = 0;
  let zz = 0;
  for (const [m, v] of z) {
    zz += v * v;
    dot += v * (r.get(m - shift) ?? 0);
  }
  let rr = 0;
  let mass = 0;
  for (let m = zFrom - shift; m <= zTo - shift; m++) {
    const v = r.get(m) ?? 0;
    rr += v * v;
    mass += v;
  }
  // One stray reference event lined up with z's peak is not a match.
  if (mass < 10 || zz === 0) return 0;
  return dot / Math.sqrt(zz * rr);
}

function series(buckets: Iterable<[number, Bucket]>, key: 'events' | 'errors', into: Series): void {
  for (const [m, b] of buckets) if (b[key] > 0) into.set(m, (into.get(m) ?? 0) + b[key]);
}

/** One estimate per zone-less source with enough activity, against all zoned sources. */
export function localTimeEstimates(store: ActivityStore, sources: SourceStats): SkewEstimate[] {
  const zoned = sources.names().filter((s) => !sources.zoneless(s) && store.bySource.has(s));
  if (zoned.length === 0) return [];
  const refEvents: Series = new Map();
  const refErrors: Series = new Map();
  for (const s of zoned) {
    series(store.bySource.get(s)!, 'events', refEvents);
    series(store.bySource.get(s)!, 'errors', refErrors);
  }
  const byVolume = [...zoned].sort((a, b) => sources.events(b) - sources.events(a));
  const reference = byVolume[0]!;
  const names = byVolume.slice(0, 3).join(', ') + (byVolume.length > 3 ? ', …' : '');
  const out: SkewEstimate[] = [];
  for (const source of sources.names()) {
    const minutes = store.bySource.get(source);
    if (!sources.zoneless(source) || minutes === undefined) continue;
    const zEvents: Series = new Map();
    const zErrors: Series = new Map();
    series(minutes, 'events', zEvents);
    series(minutes, 'errors', zErrors);
    const total = [...zEvents.values()].reduce((a, b) => a + b, 0);
    if (total < MIN_EVENTS || zEvents.size < MIN_MINUTES) continue;
    const keys = [...zEvents.keys()];
    const from = Math.min(...keys);
    const to = Math.max(...keys);
    const useErrors =
      [...zErrors.values()].reduce((a, b) => a + b, 0) >= MIN_ERRORS &&
      [...refErrors.values()].reduce((a, b) => a + b, 0) >= MIN_ERRORS;
    const score = (shift: number) => {
      const ev = similarity(zEvents, refEvents, shift, from, to);
      return useErrors ? (ev + similarity(zErrors, refErrors, shift, from, to)) / 2 : ev;
    };
    let bestHour = 0;
    let bestQuarter = 0;
    const scores = new Map<number, number>();
    for (let s = -MAX_SHIFT_MIN; s <= MAX_SHIFT_MIN; s += STEP_MIN) {
      const v = score(s);
      scores.set(s, v);
      if (s % 60 === 0 && v > scores.get(bestHour)!) bestHour = s;
      if (v > (scores.get(bestQuarter) ?? -1)) bestQuarter = s;
    }
    const best =
      scores.get(bestQuarter)! > scores.get(bestHour)! + WHOLE_HOUR_PREFERENCE
        ? bestQuarter
        : bestHour;
    const sBest = scores.get(best)!;
    const s0 = scores.get(0)!;
    const found = best !== 0 && sBest >= MIN_SCORE && sBest - s0 >= MIN_GAIN;
    const off = best * MINUTE;
    const detail = found
      ? `${source}'s zone-less times look like local time read in the wrong zone, ` +
        `${duration(off)} ${aheadOrBehind(off)} ${names}: their per-minute activity` +
        `${useErrors ? ' and errors' : ''} match best at that shift ` +
        `(score ${sBest.toFixed(2)}, ${s0.toFixed(2)} unshifted)`
      : `${source}'s per-minute activity fits ${names} best without a zone shift ` +
        `(score ${s0.toFixed(2)}${best !== 0 ? `; ${sBest.toFixed(2)} at ${duration(off)}` : ''})`;
    out.push({
      source,
      reference,
      offsetSeconds: found ? best * 60 : 0,
      confidence:
        Math.round(
          (found ? Math.min(1, (sBest - s0) / 0.5) * sBest : s0) * (total / (total + 100)) * 1000,
        ) / 1000,
      method: 'local-time',
      evidence: found ? activityEvidence(store, source, zoned, best) : [],
      detail,
      reported: found,
    });
  }
  return out;
}

/** The source's busiest minute and the zoned line it lines up with. */
function activityEvidence(
  store: ActivityStore,
  source: string,
  zoned: string[],
  shift: number,
): { file: string; line: number }[] {
  let peak: [number, Bucket] | undefined;
  for (const entry of store.bySource.get(source)!) {
    if (peak === undefined || entry[1].events > peak[1].events) peak = entry;
  }
  if (peak === undefined) return [];
  const out = [{ file: peak[1].file, line: peak[1].line }];
  for (const s of zoned) {
    const b = store.bySource.get(s)!.get(peak[0] - shift);
    if (b !== undefined) {
      out.push({ file: b.file, line: b.line });
      break;
    }
  }
  return out;
}
