/**
 * Log patterns per source through a template miner: which templates are new (first seen after the
 * baseline part of the window), which grew before the onset (warning signs), which errors dominate.
 */
import type { LogEvent } from '../../core/event.js';
import { levelRank } from '../../core/level.js';
import type { EvidenceRef } from '../evidence.js';
import { isError } from '../signals.js';
import type { Moment } from './moment.js';

/** What the analysis needs of a template miner. */
export interface MinerLike {
  add(message: string, ts?: number, where?: EvidenceRef): { id: number; template: string };
  templateOf(id: number): string;
  /** Messages that found no cluster once the miner was full. */
  overflowCount?(): number;
}

/** Counts of a template per step over a window: what a sparkline draws. */
export interface Activity {
  from: number;
  stepMs: number;
  counts: number[];
}

export interface PatternStats {
  source: string;
  id: number;
  template: string;
  activity?: Activity;
  count: number;
  errors: number;
  maxLevel: number;
  firstTs: number;
  lastTs: number;
  first: EvidenceRef;
}

interface Tracked extends Omit<PatternStats, 'template'> {
  /** Counts per minute (sparse), for rates before the onset. */
  perMinute: Map<number, number>;
}

const WARN = levelRank('warn');
/** New templates listed per source at most, so one chatty source does not hide the others. */
const MAX_NEW_PER_SOURCE = 3;

function perSource(max: number): (t: Tracked) => boolean {
  const seen = new Map<string, number>();
  return (t) => {
    const n = (seen.get(t.source) ?? 0) + 1;
    seen.set(t.source, n);
    return n <= max;
  };
}
function warnOrWorse(t: Tracked): number {
  return t.maxLevel >= WARN ? 1 : 0;
}

/** Per-minute cells kept across all templates, at most; beyond that only totals grow. */
const MAX_CELLS = 1_000_000;
const MINUTE = 60_000;

export class PatternTracker {
  private readonly miners = new Map<string, MinerLike>();
  private readonly stats = new Map<string, Map<number, Tracked>>();
  private cells = 0;
  cellsDropped = 0;

  constructor(private readonly newMiner: () => MinerLike) {}

  /** Adds an event under `text` (its message unless told otherwise). */
  add(e: LogEvent, text = e.message): void {
    if (text.length === 0) return;
    let miner = this.miners.get(e.source);
    if (!miner) {
      miner = this.newMiner();
      this.miners.set(e.source, miner);
      this.stats.set(e.source, new Map());
    }
    const where = { file: e.file, line: e.line };
    const { id } = miner.add(text, e.ts, where);
    const bySource = this.stats.get(e.source)!;
    let t = bySource.get(id);
    if (!t) {
      t = {
        source: e.source,
        id,
        count: 0,
        errors: 0,
        maxLevel: 0,
        firstTs: e.ts,
        lastTs: e.ts,
        first: where,
        perMinute: new Map(),
      };
      bySource.set(id, t);
    }
    t.count++;
    if (isError(e)) t.errors++;
    const rank = levelRank(e.level);
    if (rank > t.maxLevel) t.maxLevel = rank;
    if (e.ts < t.firstTs) {
      t.firstTs = e.ts;
      t.first = where;
    }
    if (e.ts > t.lastTs) t.lastTs = e.ts;
    const minute = Math.floor(e.ts / MINUTE);
    const n = t.perMinute.get(minute);
    if (n !== undefined) t.perMinute.set(minute, n + 1);
    else if (this.cells < MAX_CELLS) {
      t.perMinute.set(minute, 1);
      this.cells++;
    } else this.cellsDropped++;
  }

  /** Per source, messages the miner could not place (it keeps a bounded number of clusters). */
  overflow(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [source, m] of this.miners) {
      const n = m.overflowCount?.() ?? 0;
      if (n > 0) out.set(source, n);
    }
    return out;
  }

  /** Every tracked template; the miner's overflow bucket (id 0) is reported as a gap instead. */
  private all(): Tracked[] {
    const out: Tracked[] = [];
    for (const m of this.stats.values()) for (const t of m.values()) if (t.id !== 0) out.push(t);
    return out;
  }

  private stat(t: Tracked): PatternStats {
    const { perMinute: _, ...rest } = t;
    return { ...rest, template: this.miners.get(t.source)!.templateOf(t.id) };
  }

  /**
   * Counts of a template per step over [from, to), from its per-minute cells (steps are whole
   * minutes, at most `points` of them).
   */
  activity(p: PatternStats, from: number, to: number, points = 60): Activity | undefined {
    const t = this.stats.get(p.source)?.get(p.id);
    if (!t || !(to > from)) return undefined;
    const stepMs = Math.max(1, Math.ceil((to - from) / MINUTE / points)) * MINUTE;
    const start = Math.floor(from / MINUTE) * MINUTE;
    const counts = new Array<number>(Math.ceil((to - start) / stepMs)).fill(0);
    for (const [minute, n] of t.perMinute) {
      const i = Math.floor((minute * MINUTE - start) / stepMs);
      if (i >= 0 && i < counts.length) counts[i]! += n;
    }
    return { from: start, stepMs, counts };
  }

  /** Templates with the most error events, across sources. */
  topErrors(n: number): PatternStats[] {
    return this.all()
      .filter((t) => t.errors > 0)
      .sort((a, b) => b.errors - a.errors || a.firstTs - b.firstTs)
      .slice(0, n)
      .map((t) => this.stat(t));
  }

  /** Templates first seen at or after `since`, most severe and frequent first. */
  newSince(since: number, until: number, n: number): PatternStats[] {
    return this.all()
      .filter((t) => t.firstTs >= since && t.firstTs <= until)
      .sort((a, b) => warnOrWorse(b) - warnOrWorse(a) || b.count - a.count || a.firstTs - b.firstTs)
      .filter(perSource(MAX_NEW_PER_SOURCE))
      .slice(0, n)
      .map((t) => this.stat(t));
  }

  /**
   * Warning signs: templates seen in the baseline whose per-minute rate in the `lookbackMs`
   * before the onset was at least `factor` times their baseline rate.
   */
  grewBefore(
    baseline: { from: number; to: number },
    onset: number,
    lookbackMs: number,
    factor = 3,
  ): Growth[] {
    const out: Growth[] = [];
    const baseMinutes = Math.max(1, (baseline.to - baseline.from) / MINUTE);
    const recentFrom = Math.max(baseline.to, onset - lookbackMs);
    const recentMinutes = Math.max(1, (onset - recentFrom) / MINUTE);
    for (const t of this.all()) {
      if (t.maxLevel < levelRank('warn')) continue;
      let base = 0;
      let recent = 0;
      let grewAt = Infinity;
      for (const [minute, n] of t.perMinute) {
        const ts = minute * MINUTE;
        if (ts >= baseline.from && ts < baseline.to) base += n;
        // Whole minutes before the onset only: a minute that straddles it holds the incident.
        else if (ts >= recentFrom && ts + MINUTE <= onset) {
          recent += n;
          grewAt = Math.min(grewAt, Math.max(ts, recentFrom));
        }
      }
      const baselineRate = base / baseMinutes;
      const recentRate = recent / recentMinutes;
      if (recent >= 5 && base > 0 && recentRate >= factor * baselineRate)
        out.push({ ...this.stat(t), baselineRate, recentRate, grewAt });
    }
    return out.sort((a, b) => b.recentRate / b.baselineRate - a.recentRate / a.baselineRate);
  }
}

export type Growth = PatternStats & { baselineRate: number; recentRate: number; grewAt: number };

export function newTemplateMoment(p: PatternStats): Moment {
  return {
    kind: 'new_template',
    ts: p.firstTs,
    source: p.source,
    confidence: p.maxLevel >= levelRank('warn') ? 0.8 : 0.5,
    title: `new in ${p.source}: ${p.template} (×${p.count})`,
    evidence: [p.first],
    data: { template: p.template, count: p.count, templateId: p.id },
  };
}

export function warningSignMoment(p: Growth): Moment {
  return {
    kind: 'warning_sign',
    ts: p.grewAt,
    source: p.source,
    confidence: 0.6,
    title: `${p.source}: ${p.template} grew from ${p.baselineRate.toFixed(1)} to ${p.recentRate.toFixed(1)}/min before the onset`,
    evidence: [p.first],
    data: { template: p.template, baselineRate: p.baselineRate, recentRate: p.recentRate },
  };
}
