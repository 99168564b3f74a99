/** How a postmortem is named in every insight: id, title, start and status. */
import type { ArchivedPostmortem } from '../store/store.js';
import type { PostmortemRef } from './types.js';

export function refOf(pm: ArchivedPostmortem): PostmortemRef {
  return {
    id: pm.id,
    title: pm.title,
    startedMs: pm.startedMs ?? null,
    status: pm.status ?? null,
  };
}

/** When the incident happened: its start, else when it was archived (for ordering and `--since`). */
export const whenOf = (pm: ArchivedPostmortem): number => pm.startedMs ?? pm.archivedAt;

/** Oldest first; equal times by id, so every run orders the same way. */
export function chronological(pms: readonly ArchivedPostmortem[]): ArchivedPostmortem[] {
  return [...pms].sort((a, b) => whenOf(a) - whenOf(b) || a.id.localeCompare(b.id));
}
