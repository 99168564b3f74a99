/**
 * Mitigation: the first action after the onset and before recovery that can end impact, preferring
 * a rollback (a revert deployed, a rollback line) to a plain deploy, a restart or a reload.
 */
import type { Moment } from './moment.js';

/**
 * Timestamps are as precise as their logs (nginx writes whole seconds), so a change logged up to
 * this long after the onset may have come first: it counts as a suspect, not as a mitigation.
 */
export const ONSET_SLACK_MS = 2000;

const ROLLBACK = /\b(roll(?:ed|ing)? ?back|rollback|revert(?:ed|ing)?)\b/i;

function rank(m: Moment): number {
  if (
    m.kind === 'deploy' &&
    (m.data?.revert === true || m.data?.rollback === true || ROLLBACK.test(m.title))
  )
    return 0.9;
  if (m.kind === 'deploy') return 0.7;
  if (m.kind === 'restart') return 0.5;
  if (m.kind === 'config_reload') return 0.4;
  return 0;
}

export function findMitigation(moments: readonly Moment[]): Moment | undefined {
  const onset = moments.find((m) => m.kind === 'onset');
  if (!onset) return undefined;
  const recovery = moments.find((m) => m.kind === 'recovery');
  const candidates = moments.filter(
    (m) => m.ts > onset.ts + ONSET_SLACK_MS && (!recovery || m.ts <= recovery.ts) && rank(m) > 0,
  );
  if (candidates.length === 0) return undefined;
  const best = Math.max(...candidates.map(rank));
  const chosen = candidates.find((m) => rank(m) === best)!;
  return {
    kind: 'mitigation',
    ts: chosen.ts,
    source: chosen.source,
    confidence: best,
    title: `mitigation: ${chosen.title}`,
    evidence: chosen.evidence,
    data: { action: chosen.kind },
  };
}

// On a tie in time, a deploy explains more than a commit, and a commit more than a reload.
const SUSPECT_ORDER: Partial<Record<Moment['kind'], number>> = {
  deploy: 0,
  change: 1,
  config_reload: 2,
};

/** Changes before the onset, closest first: the suspects for what triggered it. */
export function suspectsBefore(
  moments: readonly Moment[],
  lookbackMs = 24 * 3600_000,
): (Moment & { secondsBeforeOnset: number })[] {
  const onset = moments.find((m) => m.kind === 'onset');
  if (!onset) return [];
  return moments
    .filter(
      (m) =>
        (m.kind === 'deploy' || m.kind === 'change' || m.kind === 'config_reload') &&
        m.ts <= onset.ts + ONSET_SLACK_MS &&
        onset.ts - m.ts <= lookbackMs,
    )
    .map((m) => ({
      ...m,
      secondsBeforeOnset: Math.max(0, Math.round((onset.ts - m.ts) / 100) / 10),
    }))
    .sort(
      (a, b) =>
        a.secondsBeforeOnset - b.secondsBeforeOnset ||
        (SUSPECT_ORDER[a.kind] ?? 3) - (SUSPECT_ORDER[b.kind] ?? 3),
    );
}
