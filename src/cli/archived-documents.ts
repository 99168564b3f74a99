/** The archive's postmortems as parsed documents, for the commands that also read files (overdue, digest). */
import { parseDocument } from '../document/parse.js';
import type { PostmortemDocument } from '../document/types.js';
import { itemId, postmortemId } from '../trackers/ticket-draft.js';

export interface ArchivedDocuments {
  docs: PostmortemDocument[];
  /** When each item was first marked done, by `<postmortem id>/<item id>` as the digest keys them. */
  closedAt: Map<string, number>;
}

/**
 * Every archived postmortem, parsed from the Markdown it was imported with, its action items'
 * statuses updated from the archive (a tracker sync may have closed an item since the import).
 */
export async function archivedDocuments(db: string | undefined): Promise<ArchivedDocuments> {
  const { openStore } = await import('../store/open-store.js');
  const store = await openStore(db !== undefined ? { db } : {});
  const docs: PostmortemDocument[] = [];
  const closedAt = new Map<string, number>();
  try {
    for await (const pm of store.export()) {
      const doc = parseDocument(pm.markdown, { source: pm.path });
      const byKey = new Map(pm.actionItems.map((a) => [a.key, a]));
      for (const [i, item] of (doc.actionItems?.items ?? []).entries()) {
        const key = item.cells.id?.text.trim() || `#${i + 1}`;
        const archived = byKey.get(key);
        if (archived?.status !== undefined) item.status = archived.status;
        const done = archived?.history.find((h) => h.status === 'done');
        if (done) closedAt.set(`${postmortemId(doc)}/${itemId(item, i).id}`, done.at);
      }
      docs.push(doc);
    }
  } finally {
    await store.close();
  }
  return { docs, closedAt };
}
