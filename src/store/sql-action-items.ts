/** Action items on (re-)import: matched by key, keeping their link and status history; status changes appended. */
import type { ActionStatus } from '../document/types.js';
import type { Row, SqlExec, SqlValue } from './sql.js';
import type { ActionItemRecord, PostmortemRecord } from './store.js';

/** Items keep their key's link and status history across re-imports; gone ones are marked, not deleted. */
export async function writeActionItems(
  tx: SqlExec,
  r: PostmortemRecord,
  old: Row[],
  at: number,
): Promise<void> {
  const before = new Map(old.map((row) => [String(row.item_key), row.document_status]));
  await tx.run('UPDATE action_items SET in_document = 0 WHERE postmortem_id = ?', [r.id]);
  for (const [i, item] of r.actionItems.entries()) {
    const fields = itemValues(item);
    if (!before.has(item.key)) {
      await tx.run(
        `INSERT INTO action_items (postmortem_id, item_key, ordinal, in_document, ${ITEM_COLUMNS.join(', ')}, tracker, link_url, link_key)
         VALUES (?, ?, ?, 1, ${ITEM_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?)`,
        [
          r.id,
          item.key,
          i,
          ...fields,
          item.link?.tracker ?? null,
          item.link?.url ?? null,
          item.link?.key ?? null,
        ],
      );
      if (item.status) await appendStatus(tx, r.id, item.key, item.status, at, 'document');
      continue;
    }
    await tx.run(
      `UPDATE action_items SET ordinal = ?, in_document = 1, ${ITEM_COLUMNS.map((c) => `${c} = ?`).join(', ')}
       WHERE postmortem_id = ? AND item_key = ?`,
      [i, ...fields, r.id, item.key],
    );
    // A link written in the document wins; without one, a link a tracker sync set is kept.
    if (item.link)
      await tx.run(
        'UPDATE action_items SET tracker = ?, link_url = ?, link_key = ? WHERE postmortem_id = ? AND item_key = ?',
        [item.link.tracker, item.link.url, item.link.key ?? null, r.id, item.key],
      );
    // Only a status the document changed is news; an unchanged one must not undo a tracker's.
    if (item.status && item.status !== (before.get(item.key) ?? undefined))
      await appendStatus(tx, r.id, item.key, item.status, at, 'document');
  }
}

export async function appendStatus(
  tx: SqlExec,
  postmortemId: string,
  key: string,
  status: ActionStatus,
  at: number,
  origin: string,
  note?: string,
): Promise<void> {
  const [row] = await tx.all(
    'SELECT COALESCE(MAX(seq), 0) AS seq FROM action_item_status WHERE postmortem_id = ? AND item_key = ?',
    [postmortemId, key],
  );
  await tx.run(
    `INSERT INTO action_item_status (postmortem_id, item_key, seq, status, at_ms, origin, note)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [postmortemId, key, Number(row?.seq ?? 0) + 1, status, at, origin, note ?? null],
  );
  await tx.run('UPDATE action_items SET status = ? WHERE postmortem_id = ? AND item_key = ?', [
    status,
    postmortemId,
    key,
  ]);
}

const ITEM_COLUMNS = [
  'text',
  'owner',
  'due',
  'due_ms',
  'priority',
  'type',
  'document_status',
  'ticket',
] as const;

function itemValues(i: ActionItemRecord): SqlValue[] {
  return [
    i.text,
    i.owner ?? null,
    i.due ?? null,
    i.dueMs ?? null,
    i.priority ?? null,
    i.type ?? null,
    i.status ?? null,
    i.ticket ?? null,
  ];
}
