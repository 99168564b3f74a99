/** Full text on PostgreSQL: a tsvector column (title weighted A, text B) with a GIN index, kept by the store. */
import type { FullText } from '../sql.js';

const CONFIG = 'english';

export const postgresFullText: FullText = {
  async index(tx, id, title, text) {
    await tx.run(
      `UPDATE postmortems SET search =
         setweight(to_tsvector('${CONFIG}', ?), 'A') || setweight(to_tsvector('${CONFIG}', ?), 'B')
       WHERE id = ?`,
      [title, text, id],
    );
  },
  async remove() {
    // The vector lives in the postmortem's row and goes with it.
  },
  async search(db, text, limit) {
    const rows = await db.all(
      `SELECT id, title, ts_rank(search, q) AS score,
         ts_headline('${CONFIG}', plain_text, q, 'StartSel=«, StopSel=», MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=…') AS snippet
       FROM postmortems, websearch_to_tsquery('${CONFIG}', ?) AS q
       WHERE search @@ q
       ORDER BY score DESC, id LIMIT ?`,
      [text, limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      title: String(r.title),
      score: Number(r.score),
      snippet: String(r.snippet),
    }));
  },
};
