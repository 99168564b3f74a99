/**
 * `actions status`: ticket states pulled back into the document's status cells. Returns what it
 * read per item too, so that the archive can keep the history (the lead's `--archive` hook).
 */
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { applyEdits, setActionItemCell, type TextEdit } from '../document/edit.js';
import type { PostmortemDocument } from '../document/types.js';
import { itemId, postmortemId, ticketDraft } from './ticket-draft.js';
import type { TrackersConfig } from './config.js';
import { rawCell } from './sync.js';
import type { Ticket, Tracker } from './tracker.js';

export interface ItemState {
  itemId: string;
  tracker: Tracker['id'];
  ticket: Ticket;
  /** The status cell before and after. */
  was?: string;
  now: string;
}

export interface StatusResult {
  postmortemId: string;
  states: ItemState[];
  text: string;
  diagnostics: Diagnostic[];
}

const RULE = 'trackers/status';

/** `done` for a closed ticket; an open one keeps `in-progress` when the document says so. */
function statusFor(ticket: Ticket, written: string | undefined): string {
  if (ticket.state === 'closed')
    return /^(done|won'?t do|wont-do|cancel+ed)$/i.test(written ?? '') ? written! : 'done';
  return /^(in[- ]progress|doing|wip|started)$/i.test(written ?? '') ? written! : 'open';
}

/**
 * Reads each item's ticket from the first tracker its link points into (or, without a link, the
 * ticket carrying its marker) and sets the status cell to match.
 */
export async function pullStatus(
  doc: PostmortemDocument,
  trackers: readonly Tracker[],
  config: TrackersConfig,
): Promise<StatusResult> {
  const pm = postmortemId(doc);
  const diagnostics: Diagnostic[] = [];
  const states: ItemState[] = [];
  const edits: TextEdit[] = [];
  const items = doc.actionItems?.items ?? [];
  const byMarker = new Map<Tracker, Map<string, Ticket>>();
  for (const [index, item] of items.entries()) {
    const { id } = itemId(item, index);
    const place = { line: item.span.start.line, column: item.span.start.column };
    const cell = rawCell(doc, item);
    let found: { tracker: Tracker; ticket: Ticket } | undefined;
    try {
      for (const tracker of trackers) {
        const ref = cell ? tracker.refFromLink(cell) : undefined;
        if (ref !== undefined) {
          const ticket = await tracker.get(ref);
          if (!ticket) {
            diagnostics.push(
              diagnostic(
                RULE,
                doc.source,
                'warning',
                `${id}: ticket ${cell} was not found in ${tracker.id}`,
                { place },
              ),
            );
          } else found = { tracker, ticket };
          break;
        }
      }
      if (!found && cell === '') {
        for (const tracker of trackers) {
          let map = byMarker.get(tracker);
          if (!map) byMarker.set(tracker, (map = await tracker.findByPostmortem(pm)));
          const ticket = map.get(
            ticketDraft({ doc, config, tracker: tracker.id }, item, id).marker,
          );
          if (ticket) {
            found = { tracker, ticket };
            break;
          }
        }
      }
    } catch (err) {
      diagnostics.push(
        diagnostic(RULE, doc.source, 'error', `${id}: ${(err as Error).message}`, {
          place,
          cause: err,
        }),
      );
      continue;
    }
    if (!found) continue;
    const was = item.cells.status?.text.trim();
    const now = statusFor(found.ticket, was);
    const state: ItemState = { itemId: id, tracker: found.tracker.id, ticket: found.ticket, now };
    if (was !== undefined) state.was = was;
    states.push(state);
    if (now !== was) {
      const e = setActionItemCell(doc, item, 'status', now);
      if (e.length === 0)
        diagnostics.push(
          diagnostic(
            RULE,
            doc.source,
            'warning',
            `${id}: could not write the status into the document`,
            { place },
          ),
        );
      edits.push(...e);
    }
  }
  return {
    postmortemId: pm,
    states,
    text: edits.length ? applyEdits(doc.text, edits) : doc.text,
    diagnostics,
  };
}
