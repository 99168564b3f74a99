/** A postmortem's action items as rows for the UI's table, with overdue ones flagged. */
import { parseDocument } from '../document/parse.js';
import type { ActionColumn, ActionItem } from '../document/types.js';

export interface ActionRow {
  id?: string;
  action: string;
  owner?: string;
  due?: string;
  priority?: string;
  type?: string;
  status?: string;
  ticket?: { text: string; url?: string };
  /** Due before today (UTC) and neither done nor dropped. */
  overdue: boolean;
  /** 1-based line in the document, to find the item in the editor. */
  line: number;
}

const DAY_MS = 86_400_000;
/** Only links a browser may follow: never `javascript:` or `data:` from a document. */
const SAFE_URL = /^https?:\/\/[^\s<>"')]+$/i;

/** The URL a ticket cell links to: a Markdown link's target or a bare URL, http(s) only. */
function ticketUrl(source: string): string | undefined {
  const link =
    /\]\(\s*<?([^\s)>]+)>?/.exec(source)?.[1] ?? /https?:\/\/[^\s<>")\]|]+/i.exec(source)?.[0];
  return link !== undefined && SAFE_URL.test(link) ? link : undefined;
}

function row(item: ActionItem, text: string, today: number): ActionRow {
  const cell = (k: ActionColumn): string | undefined => {
    const v = item.cells[k]?.text.trim();
    return v ? v : undefined;
  };
  const out: ActionRow = {
    action: cell('action') ?? item.text,
    overdue:
      item.dueMs !== undefined &&
      item.dueMs < today &&
      item.status !== 'done' &&
      item.status !== 'wont-do',
    line: item.span.start.line,
  };
  for (const k of ['id', 'owner', 'due', 'priority'] as const) {
    const v = cell(k);
    if (v !== undefined) out[k] = v;
  }
  const type = item.type ?? cell('type');
  if (type !== undefined) out.type = type;
  const status = item.status ?? cell('status');
  if (status !== undefined) out.status = status;
  const ticket = item.cells.ticket;
  if (ticket && ticket.text.trim() !== '') {
    const url = ticketUrl(text.slice(ticket.span.start.offset, ticket.span.end.offset));
    out.ticket = { text: ticket.text.trim(), ...(url !== undefined ? { url } : {}) };
  }
  return out;
}

export function actionRows(text: string, source: string, now = Date.now()): ActionRow[] {
  const doc = parseDocument(text, { source });
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return (doc.actionItems?.items ?? []).map((item) => row(item, text, today));
}
