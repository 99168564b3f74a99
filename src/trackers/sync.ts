/**
 * `actions sync`: a plan (create, update, unchanged, skip per action item), then its execution,
 * idempotent by the marker each ticket carries: tickets are looked up before anything is created,
 * and a create whose answer was lost is followed by a new lookup, never by a blind second create.
 */
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { applyEdits, setActionItemCell, type TextEdit } from '../document/edit.js';
import type { ActionItem, PostmortemDocument } from '../document/types.js';
import type { TrackersConfig } from './config.js';
import { draftFingerprint, itemId, postmortemId, ticketDraft } from './ticket-draft.js';
import { mayHaveLanded, type Ticket, type TicketDraft, type Tracker } from './tracker.js';

export type PlanAction = 'create' | 'update' | 'unchanged' | 'skip';

export interface PlanEntry {
  itemId: string;
  action: PlanAction;
  /** Why (for skips and updates). */
  reason?: string;
  draft?: TicketDraft;
  /** The ticket found (update, unchanged) or made (after execution). */
  ticket?: Ticket;
  item: ActionItem;
}

export interface SyncPlan {
  postmortemId: string;
  tracker: Tracker['id'];
  entries: PlanEntry[];
  diagnostics: Diagnostic[];
}

const RULE = 'trackers/sync';

/** The ticket cell as written (a link's URL included), trimmed. */
export function rawCell(doc: PostmortemDocument, item: ActionItem): string {
  const c = item.cells.ticket;
  if (!c) return '';
  const start = c.span.start.offset;
  // A list item's `ticket: [#1](url)` field is cut at the `]` by the parser: take the whole link.
  const link = /^\[[^\]\n]*\]\([^)\s]*\)/.exec(doc.text.slice(start, start + 2048));
  return link ? link[0] : doc.text.slice(start, c.span.end.offset).trim();
}

/** Decides, per action item, what a sync would do; asks the tracker but changes nothing. */
export async function planSync(
  doc: PostmortemDocument,
  tracker: Tracker,
  config: TrackersConfig,
): Promise<SyncPlan> {
  const pm = postmortemId(doc);
  const diagnostics: Diagnostic[] = [];
  const entries: PlanEntry[] = [];
  const items = doc.actionItems?.items ?? [];
  if (items.length === 0)
    diagnostics.push(diagnostic(RULE, doc.source, 'info', 'no action items to sync'));
  const found = items.length ? await tracker.findByPostmortem(pm) : new Map<string, Ticket>();
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const { id, written } = itemId(item, index);
    const place = { line: item.span.start.line, column: item.span.start.column };
    if (seen.has(id)) {
      diagnostics.push(
        diagnostic(RULE, doc.source, 'error', `action item ID ${id} is used twice; not synced`, {
          place,
        }),
      );
      entries.push({ itemId: id, action: 'skip', reason: 'duplicate ID', item });
      continue;
    }
    seen.add(id);
    if (!written)
      diagnostics.push(
        diagnostic(
          RULE,
          doc.source,
          'warning',
          `action item has no ID; synced as ${id} by its position (add an ID column to keep it stable)`,
          { place },
        ),
      );
    const draft = ticketDraft({ doc, config, tracker: tracker.id }, item, id);
    const cell = rawCell(doc, item);
    const ref = cell ? tracker.refFromLink(cell) : undefined;
    let ticket = found.get(draft.marker);
    if (ref !== undefined && ticket?.ref !== ref) {
      ticket = [...found.values()].find((t) => t.ref === ref) ?? (await tracker.get(ref));
      if (!ticket) {
        diagnostics.push(
          diagnostic(
            RULE,
            doc.source,
            'warning',
            `${id}: ticket ${cell} was not found in ${tracker.id}; left as is`,
            { place },
          ),
        );
        entries.push({
          itemId: id,
          action: 'skip',
          reason: `ticket ${cell} not found`,
          item,
          draft,
        });
        continue;
      }
    }
    if (!ticket && cell !== '' && ref === undefined) {
      entries.push({
        itemId: id,
        action: 'skip',
        reason: `has a ticket elsewhere (${cell})`,
        item,
        draft,
      });
      continue;
    }
    if (!ticket) entries.push({ itemId: id, action: 'create', item, draft });
    else if (ticket.fingerprint === draftFingerprint(draft))
      entries.push({ itemId: id, action: 'unchanged', item, draft, ticket });
    else
      entries.push({
        itemId: id,
        action: 'update',
        reason: 'the item changed',
        item,
        draft,
        ticket,
      });
  }
  return { postmortemId: pm, tracker: tracker.id, entries, diagnostics };
}

/** Creates a ticket; after an answer that may have been lost, looks again before trying again. */
async function createOnce(
  tracker: Tracker,
  pm: string,
  draft: TicketDraft,
  attempts = 3,
): Promise<Ticket> {
  for (let i = 1; ; i++) {
    try {
      return await tracker.create(draft);
    } catch (err) {
      if (!mayHaveLanded(err) || i >= attempts) throw err;
      const landed = (await tracker.findByPostmortem(pm)).get(draft.marker);
      if (landed) return landed;
    }
  }
}

/** A Markdown link to the ticket, as the document shows it. */
export function ticketLink(tracker: Tracker['id'], t: Ticket): string {
  return `[${tracker === 'jira' ? t.ref : `#${t.ref}`}](${t.url})`;
}

export interface SyncResult {
  plan: SyncPlan;
  /** The document with the ticket links written in (unchanged text when there was nothing to write). */
  text: string;
  created: number;
  updated: number;
  failed: number;
}

/** Carries out a plan: one failing item is a diagnostic and the others go on; links are written back. */
export async function executeSync(
  doc: PostmortemDocument,
  tracker: Tracker,
  plan: SyncPlan,
): Promise<SyncResult> {
  const edits: TextEdit[] = [];
  let created = 0;
  let updated = 0;
  let failed = 0;
  for (const e of plan.entries) {
    const place = { line: e.item.span.start.line, column: e.item.span.start.column };
    try {
      if (e.action === 'create' && e.draft) {
        e.ticket = await createOnce(tracker, plan.postmortemId, e.draft);
        created++;
      } else if (e.action === 'update' && e.draft && e.ticket) {
        e.ticket = await tracker.update(e.ticket.ref, e.draft);
        updated++;
      }
    } catch (err) {
      failed++;
      plan.diagnostics.push(
        diagnostic(RULE, doc.source, 'error', `${e.itemId}: ${(err as Error).message}`, {
          place,
          cause: err,
        }),
      );
      continue;
    }
    if (!e.ticket || e.action === 'skip') continue;
    const link = ticketLink(tracker.id, e.ticket);
    if (rawCell(doc, e.item).includes(e.ticket.url)) continue;
    const edit = setActionItemCell(doc, e.item, 'ticket', link);
    if (edit.length === 0)
      plan.diagnostics.push(
        diagnostic(
          RULE,
          doc.source,
          'warning',
          `${e.itemId}: could not write the ticket link ${e.ticket.url} into the document`,
          { place },
        ),
      );
    edits.push(...edit);
  }
  return {
    plan,
    text: edits.length ? applyEdits(doc.text, edits) : doc.text,
    created,
    updated,
    failed,
  };
}
