/** Open action items past their due date, across postmortems, grouped by owner and by service. */
import type { PostmortemDocument } from '../document/types.js';
import { actionText, itemId, isoDay, postmortemId } from './ticket-draft.js';

export interface OverdueItem {
  postmortemId: string;
  source: string;
  postmortem: string;
  itemId: string;
  action: string;
  owner: string;
  due: string;
  daysOverdue: number;
  services: string[];
  ticket?: string;
}

export interface OverdueReport {
  today: string;
  items: OverdueItem[];
  byOwner: Record<string, OverdueItem[]>;
  byService: Record<string, OverdueItem[]>;
}

const DAY = 86_400_000;
const NO_OWNER = '(no owner)';
const NO_SERVICE = '(no service)';

/** An item is open unless marked done or won't do; one with no status counts as open. */
export const isOpen = (status: string | undefined): boolean =>
  status !== 'done' && status !== 'wont-do';

function group(
  items: OverdueItem[],
  keys: (i: OverdueItem) => string[],
): Record<string, OverdueItem[]> {
  const out: Record<string, OverdueItem[]> = {};
  for (const i of items) for (const k of keys(i)) (out[k] ??= []).push(i);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Overdue items in the documents as of `today` (UTC ms): due before the start of that day.
 * Takes parsed documents, so that the archive can feed it too.
 */
export function overdueItems(docs: readonly PostmortemDocument[], today: number): OverdueReport {
  const dayStart = Math.floor(today / DAY) * DAY;
  const items: OverdueItem[] = [];
  for (const doc of docs) {
    for (const [index, item] of (doc.actionItems?.items ?? []).entries()) {
      if (!isOpen(item.status) || item.dueMs === undefined || item.dueMs >= dayStart) continue;
      const o: OverdueItem = {
        postmortemId: postmortemId(doc),
        source: doc.source,
        postmortem: doc.title?.text ?? postmortemId(doc),
        itemId: itemId(item, index).id,
        action: actionText(item),
        owner: item.cells.owner?.text.trim() || NO_OWNER,
        due: isoDay(item.dueMs),
        daysOverdue: Math.round((dayStart - item.dueMs) / DAY),
        services: doc.frontMatter?.data.services ?? [],
      };
      const t = item.cells.ticket?.text.trim();
      if (t) o.ticket = t;
      items.push(o);
    }
  }
  items.sort((a, b) => b.daysOverdue - a.daysOverdue || a.source.localeCompare(b.source));
  return {
    today: isoDay(dayStart),
    items,
    byOwner: group(items, (i) => [i.owner]),
    byService: group(items, (i) => (i.services.length ? i.services : [NO_SERVICE])),
  };
}

/** Markdown: by owner, then by service, one line per item. */
export function overdueMarkdown(r: OverdueReport): string {
  if (r.items.length === 0) return `No open action items are past due as of ${r.today}.\n`;
  const line = (i: OverdueItem): string =>
    `- ${i.itemId} ${i.action} — due ${i.due} (${i.daysOverdue} d overdue), ${i.postmortem}${i.ticket ? `, ${i.ticket}` : ''}`;
  const out = [
    `# Overdue action items (${r.items.length}) as of ${r.today}`,
    '',
    '## By owner',
    '',
  ];
  for (const [owner, items] of Object.entries(r.byOwner))
    out.push(`### ${owner}`, '', ...items.map(line), '');
  out.push('## By service', '');
  for (const [svc, items] of Object.entries(r.byService))
    out.push(`### ${svc}`, '', ...items.map(line), '');
  return out.join('\n');
}
