/** The one Store implementation, over a dialect's SQL connection and full-text index. */
import { MIGRATIONS, migrate } from './migrations/index.js';
import type { FullText, SqlConnection } from './sql.js';
import { getPostmortem, listActionItems, listPostmortems } from './sql-read.js';
import { SqlWriter } from './sql-write.js';
import type {
  ActionItemFilter,
  ArchivedActionItem,
  ArchivedPostmortem,
  ListFilter,
  PostmortemRecord,
  PostmortemSummary,
  SearchHit,
  StatusOptions,
  Store,
  StoreWriter,
  TrackerLink,
  UpsertResult,
  WriteOptions,
} from './store.js';
import type { ActionStatus } from '../document/types.js';

export interface SqlStoreOptions {
  location: string;
  /** The clock for archived/updated times and status history (tests pin it). */
  now?: () => number;
}

export class SqlStore implements Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly location: string;
  private readonly now: () => number;

  private constructor(
    private readonly db: SqlConnection,
    private readonly fullText: FullText,
    options: SqlStoreOptions,
  ) {
    this.kind = db.dialect;
    this.location = options.location;
    this.now = options.now ?? Date.now;
  }

  /** Opens the store on a connection, migrating the schema first. */
  static async open(
    db: SqlConnection,
    fullText: FullText,
    options: SqlStoreOptions,
  ): Promise<SqlStore> {
    try {
      await migrate(db, MIGRATIONS);
    } catch (err) {
      await db.close();
      throw err;
    }
    return new SqlStore(db, fullText, options);
  }

  get(id: string): Promise<ArchivedPostmortem | undefined> {
    return getPostmortem(this.db, id);
  }

  list(filter?: ListFilter): Promise<PostmortemSummary[]> {
    return listPostmortems(this.db, filter);
  }

  async search(text: string, options: { limit?: number } = {}): Promise<SearchHit[]> {
    if (text.trim() === '') return [];
    return this.fullText.search(this.db, text, options.limit ?? 20);
  }

  actionItems(filter?: ActionItemFilter): Promise<ArchivedActionItem[]> {
    return listActionItems(this.db, filter);
  }

  async *export(): AsyncIterable<ArchivedPostmortem> {
    const ids = await this.db.all('SELECT id FROM postmortems ORDER BY archived_ms, id');
    for (const { id } of ids) {
      const pm = await this.get(String(id));
      if (pm) yield pm;
    }
  }

  batch<T>(fn: (writer: StoreWriter) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new SqlWriter(tx, this.fullText, this.now)));
  }

  upsert(record: PostmortemRecord, options?: WriteOptions): Promise<UpsertResult> {
    return this.batch((w) => w.upsert(record, options));
  }

  setActionStatus(
    id: string,
    key: string,
    status: ActionStatus,
    options?: StatusOptions,
  ): Promise<number> {
    return this.batch((w) => w.setActionStatus(id, key, status, options));
  }

  setActionLink(
    id: string,
    key: string,
    link: TrackerLink | null,
    options?: WriteOptions,
  ): Promise<number> {
    return this.batch((w) => w.setActionLink(id, key, link, options));
  }

  remove(id: string, options?: WriteOptions): Promise<boolean> {
    return this.batch((w) => w.remove(id, options));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
