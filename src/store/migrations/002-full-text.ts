/** Migration 2: full-text search, the one place the dialects differ (FTS5 table / tsvector column + GIN). */
import type { Migration } from './migration.js';

export const fullText: Migration = {
  version: 2,
  name: 'full-text',
  shared: [],
  // Kept by the store in the same transaction as the row (explicit maintenance, no triggers), so
  // both dialects index exactly the same text.
  sqlite: [
    `CREATE VIRTUAL TABLE postmortem_search USING fts5 (
      id UNINDEXED, title, body, tokenize = 'porter unicode61 remove_diacritics 2'
    )`,
  ],
  postgres: [
    'ALTER TABLE postmortems ADD COLUMN search tsvector',
    'CREATE INDEX postmortems_search ON postmortems USING GIN (search)',
  ],
};
