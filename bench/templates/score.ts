/**
 * Grouping accuracy as the Loghub benchmark defines it (Zhu et al., ICSE-SEIP 2019): a line is
 * parsed correctly when the set of lines in its predicted group is exactly the set of lines in
 * its true group. FGA is the F1 over groups (Khan et al., ICSE 2022).
 */

export interface Score {
  lines: number;
  /** Grouping accuracy: share of lines in exactly right groups. */
  ga: number;
  /** F1 of group precision (right groups / predicted) and recall (right groups / true). */
  fga: number;
  predicted: number;
  truth: number;
  /** Predicted groups that are exactly a true group. */
  correct: number;
}

/** Scores predicted group keys against true ones, both one per line, in the same order. */
export function score(predicted: readonly (string | number)[], truth: readonly string[]): Score {
  if (predicted.length !== truth.length)
    throw new Error(`expected ${truth.length} predictions, got ${predicted.length}`);
  const truthSize = new Map<string, number>();
  for (const t of truth) truthSize.set(t, (truthSize.get(t) ?? 0) + 1);
  // For each predicted group: its size and the one true group all its lines share (or null).
  const groups = new Map<string | number, { size: number; truth: string | null }>();
  predicted.forEach((p, i) => {
    const t = truth[i]!;
    const g = groups.get(p);
    if (g === undefined) groups.set(p, { size: 1, truth: t });
    else {
      g.size++;
      if (g.truth !== t) g.truth = null;
    }
  });
  let correctLines = 0;
  let correct = 0;
  for (const g of groups.values()) {
    if (g.truth !== null && truthSize.get(g.truth) === g.size) {
      correct++;
      correctLines += g.size;
    }
  }
  const precision = groups.size === 0 ? 0 : correct / groups.size;
  const recall = truthSize.size === 0 ? 0 : correct / truthSize.size;
  return {
    lines: truth.length,
    ga: truth.length === 0 ? 0 : correctLines / truth.length,
    fga: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    predicted: groups.size,
    truth: truthSize.size,
    correct,
  };
}
