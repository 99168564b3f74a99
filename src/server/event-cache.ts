/** Each case's event index, built once on first use, and its recent filtered selections. */
import { buildEventIndex, type EventIndex } from './event-index.js';
import { SelectionBuilder, selectionKey, type EventFilters } from './event-query.js';

/** A selection is at most 4 bytes an event: a few of them stay small next to the index. */
const SELECTIONS_KEPT = 8;

export interface CaseEvents {
  index: EventIndex;
  selection(filters: EventFilters): SelectionBuilder;
}

function withSelections(index: EventIndex): CaseEvents {
  const recent = new Map<string, SelectionBuilder>();
  return {
    index,
    selection(filters) {
      const key = selectionKey(filters);
      const hit = recent.get(key);
      if (hit) {
        // Re-inserted: the Map's order is the LRU order.
        recent.delete(key);
        recent.set(key, hit);
        return hit;
      }
      const sel = SelectionBuilder.of(index, filters);
      recent.set(key, sel);
      if (recent.size > SELECTIONS_KEPT) {
        const oldest = recent.keys().next().value!;
        recent.get(oldest)!.cancelled = true;
        recent.delete(oldest);
      }
      return sel;
    },
  };
}

/** One build per case at a time: concurrent requests share the promise. */
export class EventIndexCache {
  private readonly entries = new Map<string, Promise<CaseEvents>>();

  get(dir: string, refresh = false): Promise<CaseEvents> {
    let entry = this.entries.get(dir);
    if (entry === undefined || refresh) {
      entry = buildEventIndex(dir).then(withSelections);
      // A failed build is not cached: the next request tries again.
      entry.catch(() => this.entries.delete(dir));
      this.entries.set(dir, entry);
    }
    return entry;
  }
}
