/** Migration 1: postmortems and what they own (sections, timeline rows, factors, action items, status history). */
import type { Migration } from './migration.js';

const CASCADE = 'REFERENCES postmortems (id) ON DELETE CASCADE';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  shared: [
    `CREATE TABLE postmortems (
      id TEXT PRIMARY KEY,
      version BIGINT NOT NULL,
      id_from TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      path TEXT NOT NULL,
      title TEXT NOT NULL,
      status TEXT,
      severity TEXT,
      started_ms BIGINT,
      detected_ms BIGINT,
      acknowledged_ms BIGINT,
      mitigated_ms BIGINT,
      resolved_ms BIGINT,
      front_matter TEXT NOT NULL,
      analysis TEXT NOT NULL,
      markdown TEXT NOT NULL,
      plain_text TEXT NOT NULL,
      archived_ms BIGINT NOT NULL,
      updated_ms BIGINT NOT NULL
    )`,
    'CREATE INDEX postmortems_started ON postmortems (started_ms)',
    'CREATE INDEX postmortems_status ON postmortems (status)',
    `CREATE TABLE postmortem_labels (
      postmortem_id TEXT NOT NULL ${CASCADE},
      kind TEXT NOT NULL,
      ordinal INTEGER NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (postmortem_id, kind, ordinal)
    )`,
    'CREATE INDEX postmortem_labels_value ON postmortem_labels (kind, value)',
    `CREATE TABLE sections (
      postmortem_id TEXT NOT NULL ${CASCADE},
      ordinal INTEGER NOT NULL,
      kind TEXT NOT NULL,
      heading TEXT NOT NULL,
      depth INTEGER NOT NULL,
      body TEXT NOT NULL,
      PRIMARY KEY (postmortem_id, ordinal)
    )`,
    `CREATE TABLE timeline_rows (
      postmortem_id TEXT NOT NULL ${CASCADE},
      ordinal INTEGER NOT NULL,
      time_text TEXT NOT NULL,
      ms BIGINT,
      zone TEXT,
      event TEXT NOT NULL,
      source TEXT,
      actor TEXT,
      PRIMARY KEY (postmortem_id, ordinal)
    )`,
    `CREATE TABLE contributing_factors (
      postmortem_id TEXT NOT NULL ${CASCADE},
      ordinal INTEGER NOT NULL,
      text TEXT NOT NULL,
      factor_group TEXT,
      tier TEXT,
      category TEXT,
      PRIMARY KEY (postmortem_id, ordinal)
    )`,
    `CREATE TABLE action_items (
      postmortem_id TEXT NOT NULL ${CASCADE},
      item_key TEXT NOT NULL,
      ordinal INTEGER NOT NULL,
      in_document INTEGER NOT NULL,
      text TEXT NOT NULL,
      owner TEXT,
      due TEXT,
      due_ms BIGINT,
      priority TEXT,
      type TEXT,
      document_status TEXT,
      status TEXT,
      ticket TEXT,
      tracker TEXT,
      link_url TEXT,
      link_key TEXT,
      PRIMARY KEY (postmortem_id, item_key)
    )`,
    'CREATE INDEX action_items_status ON action_items (status)',
    `CREATE TABLE action_item_status (
      postmortem_id TEXT NOT NULL,
      item_key TEXT NOT NULL,
      seq INTEGER NOT NULL,
      status TEXT NOT NULL,
      at_ms BIGINT NOT NULL,
      origin TEXT NOT NULL,
      note TEXT,
      PRIMARY KEY (postmortem_id, item_key, seq),
      FOREIGN KEY (postmortem_id, item_key) REFERENCES action_items (postmortem_id, item_key) ON DELETE CASCADE
    )`,
  ],
};
