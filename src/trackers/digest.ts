/**
 * `review digest`: the week in Markdown — new postmortems, action items opened, closed and
 * overdue, reviews coming up. Works from parsed documents (and, when the archive gives them,
 * ticket states with closing dates).
 */
import type { PostmortemDocument } from '../document/types.js';
import { isOpen, overdueItems } from './overdue.js';
import { actionText, itemId, isoDay, postmortemId } from './ticket-draft.js';

export interface DigestOptions {
  since: number;
  now: number;
  /** Closing dates known from the trackers (`actions status`), keyed `postmortemId/itemId`. */
  closedAt?: ReadonlyMap<string, number>;
}

const DAY = 86_400_000;

const startOf = (doc: PostmortemDocument): number | undefined => {
  const fm = doc.frontMatter?.data;
  return fm?.started?.ms ?? fm?.detected?.ms ?? fm?.resolved?.ms;
};

export function reviewDigest(docs: readonly PostmortemDocument[], o: DigestOptions): string {
  const inWindow = (ms: number | undefined): boolean =>
    ms !== undefined && ms >= o.since && ms <= o.now;
  const fresh = docs.filter((d) => inWindow(startOf(d)));
  const opened = fresh.flatMap((d) =>
    (d.actionItems?.items ?? []).map((item, i) => ({ d, item, id: itemId(item, i).id })),
  );
  const closed = docs.flatMap((d) =>
    (d.actionItems?.items ?? []).flatMap((item, i) => {
      const id = itemId(item, i).id;
      const at = o.closedAt?.get(`${postmortemId(d)}/${id}`);
      // Without a known closing date, an item done in a postmortem of this window counts.
      const counts =
        at !== undefined
          ? inWindow(at)
          : !isOpen(item.status) && fresh.includes(d) && item.status === 'done';
      return counts ? [{ d, item, id }] : [];
    }),
  );
  const overdue = overdueItems(docs, o.now);
  const soon = o.now + 7 * DAY;
  const reviews = docs.flatMap((d) => {
    const fm = d.frontMatter?.data;
    return (
      [
        ['review meeting', fm?.review_meeting?.ms],
        ['follow-up review', fm?.follow_up_review?.ms],
      ] as const
    )
      .filter(([, ms]) => ms !== undefined && ms >= o.since && ms <= soon)
      .map(([what, ms]) => ({ d, what, ms: ms! }));
  });
  const name = (d: PostmortemDocument): string =>
    `${d.title?.text ?? postmortemId(d)} (${d.source})`;
  const out = [
    `# Postmortem digest ${isoDay(o.since)} – ${isoDay(o.now)}`,
    '',
    `${fresh.length} new postmortems, ${opened.length} action items opened, ${closed.length} closed, ${overdue.items.length} overdue, ${reviews.length} reviews due.`,
    '',
    '## New postmortems',
    '',
    ...(fresh.length
      ? fresh.map(
          (d) =>
            `- ${name(d)}${d.frontMatter?.data.severity ? ` — ${d.frontMatter.data.severity}` : ''}`,
        )
      : ['None.']),
    '',
    '## Action items opened',
    '',
    ...(opened.length
      ? opened.map(
          (x) =>
            `- ${x.id} ${actionText(x.item)} — ${x.item.cells.owner?.text ?? 'no owner'} (${name(x.d)})`,
        )
      : ['None.']),
    '',
    '## Action items closed',
    '',
    ...(closed.length
      ? closed.map((x) => `- ${x.id} ${actionText(x.item)} (${name(x.d)})`)
      : ['None.']),
    '',
    '## Overdue',
    '',
    ...(overdue.items.length
      ? Object.entries(overdue.byOwner).map(
          ([owner, items]) =>
            `- ${owner}: ${items.map((i) => `${i.itemId} (${i.postmortemId}, ${i.daysOverdue} d)`).join(', ')}`,
        )
      : ['None.']),
    '',
    '## Reviews due',
    '',
    ...(reviews.length
      ? reviews.sort((a, b) => a.ms - b.ms).map((r) => `- ${isoDay(r.ms)} ${r.what}: ${name(r.d)}`)
      : ['None.']),
    '',
  ];
  return out.join('\n');
}
