/** Skew findings turned into what to add to each source's timestamps. */
import type { SkewFinding } from './skew-types.js';

/**
 * Milliseconds to add to each source's `ts`, from the findings at or above `minConfidence`.
 * A source gets at most one zone correction (local-time) and one clock correction (request-id
 * or causality), the most confident of each; a correction made against a reference that is
 * itself corrected includes the reference's correction.
 *
 * @example
 * const fix = skewCorrections(estimator.findings());
 * const ts = e.ts + (fix.get(e.source) ?? 0);
 */
export function skewCorrections(
  findings: readonly SkewFinding[],
  options: { minConfidence?: number } = {},
): Map<string, number> {
  const min = options.minConfidence ?? 0.5;
  const chosen = new Map<string, SkewFinding[]>();
  for (const kind of ['zone', 'clock'] as const) {
    const best = new Map<string, SkewFinding>();
    for (const f of findings) {
      if (f.confidence < min || (f.method === 'local-time') !== (kind === 'zone')) continue;
      const had = best.get(f.source);
      if (had === undefined || f.confidence > had.confidence) best.set(f.source, f);
    }
    for (const [source, f] of best) chosen.set(source, [...(chosen.get(source) ?? []), f]);
  }
  const out = new Map<string, number>();
  const resolving = new Set<string>();
  const resolve = (source: string): number => {
    const done = out.get(source);
    if (done !== undefined) return done;
    const fs = chosen.get(source);
    // A cycle (a against b, b against a) is cut: the reference counts as uncorrected.
    if (fs === undefined || resolving.has(source)) return 0;
    resolving.add(source);
    let ms = 0;
    for (const f of fs) ms -= f.offsetSeconds * 1000;
    for (const ref of new Set(fs.map((f) => f.reference))) ms += resolve(ref);
    resolving.delete(source);
    out.set(source, ms);
    return ms;
  };
  for (const source of chosen.keys()) resolve(source);
  return out;
}
