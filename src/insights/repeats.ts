/** Repeat incidents: a postmortem whose services, contributing factors and tags echo an earlier one's. */
import type { ArchivedPostmortem } from '../store/store.js';
import { chronological, refOf } from './refs.js';
import { cosine, normaliseWords, overlap, tfidfVectors } from './similarity.js';
import type { Repeat, SimilarEarlier } from './types.js';

/**
 * A recurrence needs a shared service (the same system failing again) and factors that read alike
 * (cosine ≥ 0.3: a few of the same distinctive words, not just the same topic). These are fixed
 * constants, not fitted to any archive.
 */
export const MIN_FACTOR_SIMILARITY = 0.3;
const WEIGHTS = { factors: 0.6, services: 0.25, tags: 0.15 } as const;

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** For each postmortem, the earlier ones it repeats, best first; postmortems repeating none are left out. */
export function findRepeats(postmortems: readonly ArchivedPostmortem[]): Repeat[] {
  const ordered = chronological(postmortems);
  const vectors = tfidfVectors(
    ordered.map((pm) => normaliseWords(pm.factors.map((f) => f.text).join('\n'))),
  );
  // Candidates share a service: an index by service avoids comparing every pair in a big archive.
  const byService = new Map<string, number[]>();
  const out: Repeat[] = [];
  for (const [i, pm] of ordered.entries()) {
    const earlier = new Set<number>();
    for (const s of new Set(pm.services.map((x) => x.trim().toLowerCase()))) {
      for (const j of byService.get(s) ?? []) earlier.add(j);
      (byService.get(s) ?? byService.set(s, []).get(s)!).push(i);
    }
    const similar: SimilarEarlier[] = [];
    for (const j of earlier) {
      const other = ordered[j]!;
      const f = cosine(vectors[i]!, vectors[j]!);
      if (f.score < MIN_FACTOR_SIMILARITY) continue;
      const services = overlap(pm.services, other.services);
      const tags = overlap(pm.tags, other.tags);
      similar.push({
        ...refOf(other),
        score: round(
          WEIGHTS.factors * f.score + WEIGHTS.services * services.score + WEIGHTS.tags * tags.score,
        ),
        factorSimilarity: round(f.score),
        sharedServices: services.shared,
        sharedTags: tags.shared,
        sharedWords: f.words,
      });
    }
    if (similar.length === 0) continue;
    similar.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    out.push({ ...refOf(pm), similar });
  }
  return out.reverse();
}
