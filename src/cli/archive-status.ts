/** `actions status --db`: the ticket states a status pull found, recorded in the archive's status history. */
import { parseDocument } from '../document/parse.js';
import type { ActionStatus } from '../document/types.js';
import type { ItemState } from '../trackers/status.js';
import { itemId } from '../trackers/ticket-draft.js';

const STATUSES: Record<string, ActionStatus> = {
  open: 'open',
  'in progress': 'in-progress',
  'in-progress': 'in-progress',
  doing: 'in-progress',
  wip: 'in-progress',
  started: 'in-progress',
  done: 'done',
  "won't do": 'wont-do',
  'wont-do': 'wont-do',
  cancelled: 'wont-do',
  canceled: 'wont-do',
};

/**
 * Records each pulled state whose status differs from the archive's (origin `tracker`, at the
 * ticket's closing time when it has one). Resolves to a note for the user.
 */
export async function recordStatesInArchive(
  db: string | undefined,
  text: string,
  file: string,
  states: readonly ItemState[],
  now = Date.now(),
): Promise<string> {
  const { recordFromDocument } = await import('../store/record.js');
  const { openStore } = await import('../store/open-store.js');
  const doc = parseDocument(text, { source: file });
  const { record } = recordFromDocument(doc, file);
  const store = await openStore(db !== undefined ? { db } : {});
  try {
    const archived = await store.get(record.id);
    if (!archived) {
      return `${file} is not in the archive (${store.location}): run \`aftermath archive add ${file}\` first`;
    }
    // The tracker names items AI-001…; the archive keys them by their ID cell, else position.
    const keyOf = new Map<string, string>();
    for (const [i, item] of (doc.actionItems?.items ?? []).entries())
      keyOf.set(itemId(item, i).id, item.cells.id?.text.trim() || `#${i + 1}`);
    const current = new Map(archived.actionItems.map((a) => [a.key, a.status]));
    let recorded = 0;
    for (const s of states) {
      const key = keyOf.get(s.itemId);
      const status = STATUSES[s.now.toLowerCase()];
      if (key === undefined || status === undefined || !current.has(key)) continue;
      if (current.get(key) === status) continue;
      const closed = s.ticket.closedAt !== undefined ? Date.parse(s.ticket.closedAt) : NaN;
      await store.setActionStatus(record.id, key, status, {
        origin: 'tracker',
        at: Number.isNaN(closed) ? now : closed,
        note: s.ticket.url,
      });
      recorded++;
    }
    return `${recorded} status change${recorded === 1 ? '' : 's'} recorded in the archive (${store.location})`;
  } finally {
    await store.close();
  }
}
