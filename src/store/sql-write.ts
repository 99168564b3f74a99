/** The archive's writes over any SQL dialect: upsert with content hashes and versions, action-item status and links. */
import type { ActionStatus } from '../document/types.js';
import { StoreConflictError, StoreNotFoundError } from './conflict.js';
import { appendStatus, writeActionItems } from './sql-action-items.js';
import type { FullText, SqlExec, SqlValue } from './sql.js';
import type {
  PostmortemRecord,
  StatusOptions,
  TrackerLink,
  UpsertResult,
  WriteOptions,
} from './store.js';

/** Tries before giving up when another writer keeps beating us to the same postmortem. */
const RACE_TRIES = 5;

export class SqlWriter {
  constructor(
    private readonly tx: SqlExec,
    private readonly fullText: FullText,
    private readonly now: () => number,
  ) {}

  async upsert(record: PostmortemRecord, options: WriteOptions = {}): Promise<UpsertResult> {
    for (let attempt = 0; attempt < RACE_TRIES; attempt++) {
      const cur = await this.current(record.id);
      if (options.expectedVersion !== undefined && cur?.version !== options.expectedVersion)
        throw new StoreConflictError(record.id, options.expectedVersion, cur?.version);
      if (!cur) {
        if (await this.insert(record)) return { id: record.id, outcome: 'added', version: 1 };
      } else if (cur.hash === record.contentHash) {
        return { id: record.id, outcome: 'unchanged', version: cur.version };
      } else if (await this.update(record, cur.version)) {
        return { id: record.id, outcome: 'updated', version: cur.version + 1 };
      }
      // Another process wrote it between our read and our write: with an expected version that
      // is a conflict; without one the file is the truth, so read again and write over it.
      if (options.expectedVersion !== undefined)
        throw new StoreConflictError(
          record.id,
          options.expectedVersion,
          (await this.current(record.id))?.version,
        );
    }
    const now = await this.current(record.id);
    throw new StoreConflictError(record.id, now?.version ?? 0, now?.version);
  }

  async setActionStatus(
    postmortemId: string,
    key: string,
    status: ActionStatus,
    options: StatusOptions = {},
  ): Promise<number> {
    const version = await this.bump(postmortemId, options);
    await this.requireItem(postmortemId, key);
    await appendStatus(
      this.tx,

      postmortemId,
      key,
      status,
      options.at ?? this.now(),
      options.origin ?? 'user',
      options.note,
    );
    return version;
  }

  async setActionLink(
    postmortemId: string,
    key: string,
    link: TrackerLink | null,
    options: WriteOptions = {},
  ): Promise<number> {
    const version = await this.bump(postmortemId, options);
    await this.requireItem(postmortemId, key);
    await this.tx.run(
      'UPDATE action_items SET tracker = ?, link_url = ?, link_key = ? WHERE postmortem_id = ? AND item_key = ?',
      [link?.tracker ?? null, link?.url ?? null, link?.key ?? null, postmortemId, key],
    );
    return version;
  }

  async remove(id: string, options: WriteOptions = {}): Promise<boolean> {
    const cur = await this.current(id);
    if (options.expectedVersion !== undefined && cur?.version !== options.expectedVersion)
      throw new StoreConflictError(id, options.expectedVersion, cur?.version);
    if (!cur) return false;
    await this.fullText.remove(this.tx, id);
    // Children first: the history's foreign key is to action_items, not postmortems.
    await this.tx.run('DELETE FROM action_item_status WHERE postmortem_id = ?', [id]);
    return (await this.tx.run('DELETE FROM postmortems WHERE id = ?', [id])) > 0;
  }

  private async current(id: string): Promise<{ version: number; hash: string } | undefined> {
    const [row] = await this.tx.all('SELECT version, content_hash FROM postmortems WHERE id = ?', [
      id,
    ]);
    return row && { version: Number(row.version), hash: String(row.content_hash) };
  }

  /** Adds 1 to the version, if it is the expected one; resolves to the new version. */
  private async bump(id: string, options: WriteOptions): Promise<number> {
    for (let attempt = 0; attempt < RACE_TRIES; attempt++) {
      const cur = await this.current(id);
      if (!cur) {
        if (options.expectedVersion !== undefined)
          throw new StoreConflictError(id, options.expectedVersion, undefined);
        throw new StoreNotFoundError(`postmortem "${id}"`);
      }
      if (options.expectedVersion !== undefined && cur.version !== options.expectedVersion)
        throw new StoreConflictError(id, options.expectedVersion, cur.version);
      const n = await this.tx.run(
        'UPDATE postmortems SET version = version + 1, updated_ms = ? WHERE id = ? AND version = ?',
        [this.now(), id, cur.version],
      );
      if (n > 0) return cur.version + 1;
      if (options.expectedVersion !== undefined)
        throw new StoreConflictError(
          id,
          options.expectedVersion,
          (await this.current(id))?.version,
        );
    }
    throw new StoreConflictError(id, 0, (await this.current(id))?.version);
  }

  private async requireItem(postmortemId: string, key: string): Promise<void> {
    const rows = await this.tx.all(
      'SELECT 1 AS x FROM action_items WHERE postmortem_id = ? AND item_key = ?',
      [postmortemId, key],
    );
    if (rows.length === 0)
      throw new StoreNotFoundError(`action item "${key}" of postmortem "${postmortemId}"`);
  }

  private async insert(r: PostmortemRecord): Promise<boolean> {
    const at = this.now();
    const n = await this.tx.run(
      `INSERT INTO postmortems (${COLUMNS.join(', ')}, version, archived_ms, updated_ms)
       VALUES (${COLUMNS.map(() => '?').join(', ')}, 1, ?, ?) ON CONFLICT (id) DO NOTHING`,
      [...columnValues(r), at, at],
    );
    if (n === 0) return false;
    await this.writeChildren(r);
    await writeActionItems(this.tx, r, [], this.now());
    return true;
  }

  private async update(r: PostmortemRecord, version: number): Promise<boolean> {
    const n = await this.tx.run(
      `UPDATE postmortems SET ${COLUMNS.map((c) => `${c} = ?`).join(', ')}, version = version + 1, updated_ms = ?
       WHERE id = ? AND version = ?`,
      [...columnValues(r), this.now(), r.id, version],
    );
    if (n === 0) return false;
    for (const table of ['postmortem_labels', 'sections', 'timeline_rows', 'contributing_factors'])
      await this.tx.run(`DELETE FROM ${table} WHERE postmortem_id = ?`, [r.id]);
    await this.writeChildren(r);
    const old = await this.tx.all(
      'SELECT item_key, document_status FROM action_items WHERE postmortem_id = ?',
      [r.id],
    );
    await writeActionItems(this.tx, r, old, this.now());
    return true;
  }

  private async writeChildren(r: PostmortemRecord): Promise<void> {
    const labels: [string, string[]][] = [
      ['service', r.services],
      ['tag', r.tags],
      ['author', r.authors],
    ];
    for (const [kind, values] of labels)
      for (const [i, v] of values.entries())
        await this.tx.run(
          'INSERT INTO postmortem_labels (postmortem_id, kind, ordinal, value) VALUES (?, ?, ?, ?)',
          [r.id, kind, i, v],
        );
    for (const [i, s] of r.sections.entries())
      await this.tx.run(
        'INSERT INTO sections (postmortem_id, ordinal, kind, heading, depth, body) VALUES (?, ?, ?, ?, ?, ?)',
        [r.id, i, s.kind, s.heading, s.depth, s.text],
      );
    for (const [i, t] of r.timeline.entries())
      await this.tx.run(
        `INSERT INTO timeline_rows (postmortem_id, ordinal, time_text, ms, zone, event, source, actor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [r.id, i, t.time, t.ms ?? null, t.zone ?? null, t.event, t.source ?? null, t.actor ?? null],
      );
    for (const [i, f] of r.factors.entries())
      await this.tx.run(
        `INSERT INTO contributing_factors (postmortem_id, ordinal, text, factor_group, tier, category)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [r.id, i, f.text, f.group ?? null, f.tier ?? null, f.category ?? null],
      );
    await this.fullText.remove(this.tx, r.id);
    await this.fullText.index(this.tx, r.id, r.title, r.plainText);
  }
}

const COLUMNS = [
  'id',
  'id_from',
  'content_hash',
  'path',
  'title',
  'status',
  'severity',
  'started_ms',
  'detected_ms',
  'acknowledged_ms',
  'mitigated_ms',
  'resolved_ms',
  'front_matter',
  'analysis',
  'markdown',
  'plain_text',
] as const;

function columnValues(r: PostmortemRecord): SqlValue[] {
  return [
    r.id,
    r.idFrom,
    r.contentHash,
    r.path,
    r.title,
    r.status ?? null,
    r.severity ?? null,
    r.startedMs ?? null,
    r.detectedMs ?? null,
    r.acknowledgedMs ?? null,
    r.mitigatedMs ?? null,
    r.resolvedMs ?? null,
    JSON.stringify(r.frontMatter),
    JSON.stringify(r.analysis),
    r.markdown,
    r.plainText,
  ];
}
