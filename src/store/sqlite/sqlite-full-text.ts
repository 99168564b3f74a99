/** Full text on SQLite: an FTS5 table kept by the store, ranked by bm25 with the title weighted up. */
import type { FullText } from '../sql.js';

/** The user's words as an FTS5 query: each a quoted term (so `-`, `:` or `AND` are just words), all required. */
export function fts5Query(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}_]+/gu);
  if (!words) return undefined;
  return words.map((w) => `"${w}"`).join(' ');
}

export const sqliteFullText: FullText = {
  async index(tx, id, title, text) {
    await tx.run('INSERT INTO postmortem_search (id, title, body) VALUES (?, ?, ?)', [
      id,
      title,
      text,
    ]);
  },
  async remove(tx, id) {
    await tx.run('DELETE FROM postmortem_search WHERE id = ?', [id]);
  },
  async search(db, text, limit) {
    const query = fts5Query(text);
    if (!query) return [];
    const rows = await db.all(
      `SELECT id, title, bm25(postmortem_search, 0, 5, 1) AS rank,
         snippet(postmortem_search, 2, '«', '»', '…', 16) AS snippet
       FROM postmortem_search WHERE postmortem_search MATCH ?
       ORDER BY rank, id LIMIT ?`,
      [query, limit],
    );
    // bm25 is lower-is-better; the store's score is higher-is-better.
    return rows.map((r) => ({
      id: String(r.id),
      title: String(r.title),
      score: -Number(r.rank),
      snippet: String(r.snippet),
    }));
  },
};
