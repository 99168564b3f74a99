/** Postmortems that still need attention: drafts, and those nobody has reviewed yet. */
import type { ArchivedPostmortem } from '../store/store.js';
import { chronological, refOf } from './refs.js';
import type { ReviewState } from './types.js';

function listed(v: unknown): boolean {
  if (Array.isArray(v)) return v.some((x) => String(x).trim() !== '');
  return typeof v === 'string' && v.trim() !== '';
}

/**
 * A postmortem counts as reviewed once it is published, names reviewers, or its review meeting
 * date has passed; a missing status counts as a draft (nothing says it left that stage).
 */
export function reviewState(postmortems: readonly ArchivedPostmortem[], now: number): ReviewState {
  const ordered = chronological(postmortems);
  const drafts = ordered.filter((pm) => (pm.status ?? 'draft') === 'draft');
  const neverReviewed = ordered.filter((pm) => {
    if (pm.status === 'published' || listed(pm.frontMatter.reviewers)) return false;
    const meeting = pm.frontMatter.review_meeting;
    const at = typeof meeting === 'string' ? Date.parse(meeting) : NaN;
    return !(at <= now);
  });
  return { drafts: drafts.map(refOf), neverReviewed: neverReviewed.map(refOf) };
}
