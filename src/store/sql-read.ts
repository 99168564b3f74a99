/** The archive's reads over any SQL dialect: rows back to the store's types. */
import type {
  ActionStatus,
  ActionType,
  FactorTier,
  FishboneCategory,
  SectionKind,
} from '../document/types.js';
import type { Row, SqlExec, SqlValue } from './sql.js';
import type {
  ActionItemFilter,
  AnalysisSummary,
  ArchivedActionItem,
  ArchivedPostmortem,
  IdOrigin,
  ListFilter,
  PostmortemSummary,
  StatusChange,
  StatusOrigin,
  TimelineRecord,
  FactorRecord,
  TrackerKind,
  TrackerLink,
} from './store.js';

const str = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : String(v);
const num = (v: unknown): number | undefined =>
  v === null || v === undefined ? undefined : Number(v);

/** Copies only the defined values (exactOptionalPropertyTypes). */
function put<T extends object>(target: T, values: { [K in keyof T]?: T[K] | undefined }): T {
  for (const [k, v] of Object.entries(values))
    if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target;
}

const OPEN = "COALESCE(a.status, 'open') IN ('open', 'in-progress')";

export async function getPostmortem(
  db: SqlExec,
  id: string,
): Promise<ArchivedPostmortem | undefined> {
  const [row] = await db.all('SELECT * FROM postmortems WHERE id = ?', [id]);
  if (!row) return undefined;
  const labels = await db.all(
    'SELECT kind, value FROM postmortem_labels WHERE postmortem_id = ? ORDER BY kind, ordinal',
    [id],
  );
  const label = (kind: string): string[] =>
    labels.filter((l) => l.kind === kind).map((l) => String(l.value));
  const sections = await db.all('SELECT * FROM sections WHERE postmortem_id = ? ORDER BY ordinal', [
    id,
  ]);
  const timeline = await db.all(
    'SELECT * FROM timeline_rows WHERE postmortem_id = ? ORDER BY ordinal',
    [id],
  );
  const factors = await db.all(
    'SELECT * FROM contributing_factors WHERE postmortem_id = ? ORDER BY ordinal',
    [id],
  );
  const pm: ArchivedPostmortem = {
    id: String(row.id),
    idFrom: String(row.id_from) as IdOrigin,
    version: Number(row.version),
    contentHash: String(row.content_hash),
    path: String(row.path),
    title: String(row.title),
    services: label('service'),
    tags: label('tag'),
    authors: label('author'),
    frontMatter: JSON.parse(String(row.front_matter)) as Record<string, unknown>,
    analysis: JSON.parse(String(row.analysis)) as AnalysisSummary,
    markdown: String(row.markdown),
    plainText: String(row.plain_text),
    archivedAt: Number(row.archived_ms),
    updatedAt: Number(row.updated_ms),
    sections: sections.map((s) => ({
      kind: String(s.kind) as SectionKind,
      heading: String(s.heading),
      depth: Number(s.depth),
      text: String(s.body),
    })),
    timeline: timeline.map((t) =>
      put<TimelineRecord>(
        { time: String(t.time_text), event: String(t.event) },
        { ms: num(t.ms), zone: str(t.zone), source: str(t.source), actor: str(t.actor) },
      ),
    ),
    factors: factors.map((f) =>
      put<FactorRecord>(
        { text: String(f.text) },
        {
          group: str(f.factor_group),
          tier: str(f.tier) as FactorTier | undefined,
          category: str(f.category) as FishboneCategory | undefined,
        },
      ),
    ),
    actionItems: await listActionItems(db, { postmortemId: id, removed: true }),
  };
  return put(pm, {
    status: str(row.status),
    severity: str(row.severity),
    startedMs: num(row.started_ms),
    detectedMs: num(row.detected_ms),
    acknowledgedMs: num(row.acknowledged_ms),
    mitigatedMs: num(row.mitigated_ms),
    resolvedMs: num(row.resolved_ms),
  });
}

export async function listPostmortems(
  db: SqlExec,
  filter: ListFilter = {},
): Promise<PostmortemSummary[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.status !== undefined) {
    where.push('p.status = ?');
    params.push(filter.status);
  }
  if (filter.severity !== undefined) {
    where.push('UPPER(p.severity) = UPPER(?)');
    params.push(filter.severity);
  }
  if (filter.service !== undefined) {
    where.push(
      "EXISTS (SELECT 1 FROM postmortem_labels l WHERE l.postmortem_id = p.id AND l.kind = 'service' AND l.value = ?)",
    );
    params.push(filter.service);
  }
  if (filter.since !== undefined) {
    where.push('COALESCE(p.started_ms, p.archived_ms) >= ?');
    params.push(filter.since);
  }
  const limit = filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : '';
  const rows = await db.all(
    `SELECT p.id, p.version, p.title, p.status, p.severity, p.started_ms, p.path, p.updated_ms, p.content_hash,
       (SELECT COUNT(*) FROM action_items a WHERE a.postmortem_id = p.id AND a.in_document = 1 AND ${OPEN}) AS open_items
     FROM postmortems p ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY COALESCE(p.started_ms, p.archived_ms) DESC, p.id${limit}`,
    params,
  );
  const services = await db.all(
    "SELECT postmortem_id, value FROM postmortem_labels WHERE kind = 'service' ORDER BY postmortem_id, ordinal",
  );
  const byId = new Map<string, string[]>();
  for (const s of services) {
    const list = byId.get(String(s.postmortem_id)) ?? [];
    list.push(String(s.value));
    byId.set(String(s.postmortem_id), list);
  }
  return rows.map((r) =>
    put(
      {
        id: String(r.id),
        version: Number(r.version),
        title: String(r.title),
        services: byId.get(String(r.id)) ?? [],
        path: String(r.path),
        contentHash: String(r.content_hash),
        updatedAt: Number(r.updated_ms),
        openActionItems: Number(r.open_items),
      } as PostmortemSummary,
      { status: str(r.status), severity: str(r.severity), startedMs: num(r.started_ms) },
    ),
  );
}

export async function listActionItems(
  db: SqlExec,
  filter: ActionItemFilter = {},
): Promise<ArchivedActionItem[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.postmortemId !== undefined) {
    where.push('a.postmortem_id = ?');
    params.push(filter.postmortemId);
  }
  if (filter.status !== undefined) {
    where.push("COALESCE(a.status, 'open') = ?");
    params.push(filter.status);
  }
  if (filter.linked !== undefined)
    where.push(filter.linked ? 'a.link_url IS NOT NULL' : 'a.link_url IS NULL');
  if (!filter.removed) where.push('a.in_document = 1');
  const rows = await db.all(
    `SELECT a.* FROM action_items a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY a.postmortem_id, a.in_document DESC, a.ordinal`,
    params,
  );
  const history = await db.all(
    `SELECT h.* FROM action_item_status h
     ${filter.postmortemId !== undefined ? 'WHERE h.postmortem_id = ?' : ''}
     ORDER BY h.postmortem_id, h.item_key, h.seq`,
    filter.postmortemId !== undefined ? [filter.postmortemId] : [],
  );
  const changes = new Map<string, StatusChange[]>();
  for (const h of history) {
    const k = `${String(h.postmortem_id)}\u0000${String(h.item_key)}`;
    const list = changes.get(k) ?? [];
    list.push(
      put<StatusChange>(
        {
          status: String(h.status) as ActionStatus,
          at: Number(h.at_ms),
          origin: String(h.origin) as StatusOrigin,
        },
        { note: str(h.note) },
      ),
    );
    changes.set(k, list);
  }
  return rows.map((a) =>
    toItem(a, changes.get(`${String(a.postmortem_id)}\u0000${String(a.item_key)}`) ?? []),
  );
}

function toItem(a: Row, history: StatusChange[]): ArchivedActionItem {
  const item: ArchivedActionItem = {
    postmortemId: String(a.postmortem_id),
    key: String(a.item_key),
    text: String(a.text),
    history,
    inDocument: Number(a.in_document) === 1,
  };
  const url = str(a.link_url);
  if (url)
    item.link = put<TrackerLink>(
      { tracker: String(a.tracker) as TrackerKind, url },
      { key: str(a.link_key) },
    );
  return put(item, {
    owner: str(a.owner),
    due: str(a.due),
    dueMs: num(a.due_ms),
    priority: str(a.priority),
    type: str(a.type) as ActionType | undefined,
    status: str(a.status) as ActionStatus | undefined,
    ticket: str(a.ticket),
  });
}
