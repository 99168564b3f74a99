/** A parsed postmortem → the record the archive stores (pure: no I/O). */
import { createHash } from 'node:crypto';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import type { TimeValue } from '../document/front-matter-types.js';
import type { ActionItem, Cell, PostmortemDocument } from '../document/types.js';
import type {
  ActionItemRecord,
  AnalysisSummary,
  PostmortemRecord,
  TimelineRecord,
} from './store.js';
import { trackerLink } from './tracker-link.js';

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface RecordResult {
  record: PostmortemRecord;
  diagnostics: Diagnostic[];
}

/**
 * The archive record for a parsed document; `path` names it (and, with the title, gives it an id
 * when the front matter has none).
 *
 * @example
 * const { record } = recordFromDocument(parseDocument(text, { source: path }), path);
 * await store.upsert(record);
 */
export function recordFromDocument(doc: PostmortemDocument, path: string): RecordResult {
  const diagnostics: Diagnostic[] = [];
  const fm = doc.frontMatter?.data;
  const title = (doc.title?.text ?? fm?.title ?? '').trim() || path;
  let id = fm?.id?.toString().trim();
  const idFrom = id ? 'front-matter' : 'derived';
  if (!id) {
    id = `pm-${contentHash(`${path}\n${title}`).slice(0, 12)}`;
    diagnostics.push(
      diagnostic(
        'store/derived-id',
        doc.source,
        'info',
        `no "id" in the front matter: archived as ${id} (from the path and title); add an id to keep it stable when the file moves`,
        { data: { id } },
      ),
    );
  }
  const ms = (t: TimeValue | undefined): number | undefined => t?.ms;
  const sections = doc.sections.map((s) => ({
    kind: s.kind,
    heading: s.heading,
    depth: s.depth,
    text: s.text,
  }));
  const timeline: TimelineRecord[] = (doc.timeline?.entries ?? []).map((e) =>
    defined({
      time: e.time.text,
      ms: e.ms,
      zone: e.zone,
      event: e.event.text,
      source: e.source?.text,
      actor: e.actor?.text,
    }),
  );
  const factors = (doc.contributingFactors?.factors ?? []).map((f) =>
    defined({ text: f.text, group: f.group, tier: f.tier, category: f.category }),
  );
  const actionItems = actionRecords(doc, doc.actionItems?.items ?? []);
  const times = {
    // Without a start in the front matter, the first dated timeline row dates the incident.
    startedMs: ms(fm?.started) ?? firstMs(timeline),
    detectedMs: ms(fm?.detected),
    acknowledgedMs: ms(fm?.acknowledged),
    mitigatedMs: ms(fm?.mitigated),
    resolvedMs: ms(fm?.resolved),
  };
  const summaryText = doc.sections.find((s) => s.kind === 'summary')?.text.trim();
  const since = (to: number | undefined): number | undefined =>
    to !== undefined && times.startedMs !== undefined && to >= times.startedMs
      ? to - times.startedMs
      : undefined;
  const analysis: AnalysisSummary = defined({
    timeToDetectMs: since(times.detectedMs),
    timeToAcknowledgeMs: since(times.acknowledgedMs),
    timeToMitigateMs: since(times.mitigatedMs),
    timeToResolveMs: since(times.resolvedMs),
    timelineRows: timeline.length,
    factors: factors.length,
    actionItems: actionItems.length,
    summary: summaryText || undefined,
  });
  const record: PostmortemRecord = defined({
    id,
    idFrom,
    contentHash: contentHash(doc.text),
    path,
    title,
    status: fm?.status,
    severity: fm?.severity,
    services: fm?.services ?? [],
    tags: fm?.tags ?? [],
    authors: fm?.authors ?? [],
    ...times,
    frontMatter: frontMatterJson(doc),
    sections,
    timeline,
    factors,
    actionItems,
    analysis,
    markdown: doc.text,
    plainText: searchText(doc, title),
  }) as PostmortemRecord;
  return { record, diagnostics };
}

function firstMs(rows: readonly TimelineRecord[]): number | undefined {
  const all = rows.flatMap((r) => (r.ms === undefined ? [] : [r.ms]));
  return all.length ? Math.min(...all) : undefined;
}

/**
 * What full text indexes: the title, then each top-level section's heading and body as written.
 * The Markdown rather than the plain text, because plain text glues table cells together
 * ("EventDeploy"), and both tokenizers skip the markup anyway.
 */
function searchText(doc: PostmortemDocument, title: string): string {
  const parts = [title];
  const fm = doc.frontMatter?.span.end.offset ?? 0;
  const first = doc.sections[0]?.span.start.offset ?? doc.text.length;
  const intro = doc.text.slice(Math.max(fm, doc.titleHeading?.end.offset ?? 0), first).trim();
  if (intro) parts.push(intro);
  for (const s of doc.sections)
    if (s.parent === undefined)
      parts.push(doc.text.slice(s.span.start.offset, s.span.end.offset).trim());
  return parts.join('\n\n');
}

function actionRecords(doc: PostmortemDocument, items: readonly ActionItem[]): ActionItemRecord[] {
  const seen = new Set<string>();
  return items.map((item, i) => {
    const written = item.cells.id?.text.trim();
    // A repeated or missing ID cell falls back to the position, so keys stay unique.
    const key = written && !seen.has(written) ? written : `#${i + 1}`;
    seen.add(key);
    const raw = (c: Cell | undefined): string | undefined =>
      c ? doc.text.slice(c.span.start.offset, c.span.end.offset) : undefined;
    const link = trackerLink(raw(item.cells.ticket) ?? '');
    const text = (item.cells.action?.text ?? item.text).trim();
    return defined({
      key,
      text,
      owner: item.cells.owner?.text.trim() || undefined,
      due: item.cells.due?.text.trim() || undefined,
      dueMs: item.dueMs,
      priority: item.cells.priority?.text.trim() || undefined,
      type: item.type,
      status: item.status,
      ticket: item.cells.ticket?.text.trim() || undefined,
      link,
    }) as ActionItemRecord;
  });
}

/** The front matter with times as written, so the stored JSON reads like the file. */
function frontMatterJson(doc: PostmortemDocument): Record<string, unknown> {
  const data = doc.frontMatter?.data;
  if (!data) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k === 'extra') continue;
    out[k] = isTime(v) ? v.raw : v;
  }
  for (const [k, v] of Object.entries(data.extra)) out[k] = jsonSafe(v);
  return out;
}

function isTime(v: unknown): v is TimeValue {
  return typeof v === 'object' && v !== null && 'raw' in v && 'zoned' in v;
}

function jsonSafe(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  try {
    return JSON.parse(JSON.stringify(v ?? null)) as unknown;
  } catch {
    return String(v);
  }
}

/** Drops undefined properties (exactOptionalPropertyTypes). */
function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
