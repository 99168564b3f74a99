/** `--fix`: applies the safe fixes that do not overlap, re-lints, and repeats (at most ten passes). */
import { applyEdits, type TextEdit } from '../document/index.js';
import { lintText, type LintFinding, type LintOptions, type LintResult } from './linter.js';

export interface FixResult {
  /** The fixed text (the input when nothing was fixed). */
  text: string;
  /** Findings whose fixes were applied, in the order applied. */
  fixed: LintFinding[];
  /** The findings left in the fixed text. */
  result: LintResult;
}

const MAX_PASSES = 10;

/** The range a finding's edits cover. */
function range(edits: readonly TextEdit[]): [number, number] {
  return [Math.min(...edits.map((e) => e.start)), Math.max(...edits.map((e) => e.end))];
}

/**
 * Fixes that can go together: sorted by where they start, each strictly after the last taken
 * (touching counts as overlapping, so two insertions at one place wait for the next pass).
 */
export function selectFixes(findings: readonly LintFinding[]): LintFinding[] {
  const candidates = findings
    .filter((f): f is LintFinding & { fix: TextEdit[] } => (f.fix?.length ?? 0) > 0)
    .map((f) => ({ f, r: range(f.fix) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1]);
  const out: LintFinding[] = [];
  let last = -1;
  for (const { f, r } of candidates) {
    if (r[0] <= last) continue;
    out.push(f);
    last = r[1];
  }
  return out;
}

/**
 * Lints and fixes a document's text.
 *
 * @example
 * const { text, fixed } = fixText(readFileSync('pm.md', 'utf8'), { source: 'pm.md' });
 */
export function fixText(text: string, options: LintOptions = {}): FixResult {
  let current = text;
  const fixed: LintFinding[] = [];
  let result = lintText(current, options);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const chosen = selectFixes(result.findings);
    if (chosen.length === 0) break;
    current = applyEdits(
      current,
      chosen.flatMap((f) => f.fix ?? []),
    );
    fixed.push(...chosen);
    result = lintText(current, options);
  }
  return { text: current, fixed, result };
}
