/** What a ticket says for an action item: `AI-001: …` title, a body linking the postmortem, labels, owner, due. */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { ActionItem, PostmortemDocument } from '../document/types.js';
import { accountFor, type TrackersConfig } from './config.js';
import { markerFor, markerLine, type TicketDraft, type TrackerId } from './tracker.js';

/** The postmortem's stable id: the front matter `id`, else the file name without extension. */
export function postmortemId(doc: PostmortemDocument): string {
  const id = doc.frontMatter?.data.id?.trim();
  const raw = id && id !== '' ? id : basename(doc.source, extname(doc.source));
  return raw.replace(/[^\w.-]+/g, '-');
}

/** `AI-001` for `1`, the ID as written otherwise; by position when the item has none. */
export function itemId(item: ActionItem, index: number): { id: string; written: boolean } {
  const raw = item.cells.id?.text.trim() ?? '';
  if (/^\d+$/.test(raw)) return { id: `AI-${raw.padStart(3, '0')}`, written: true };
  if (/^[\w.-]+$/.test(raw)) return { id: raw, written: true };
  return { id: `AI-${String(index + 1).padStart(3, '0')}`, written: false };
}

/** The action's words: the action cell, or a list item's text without its `(field: value)` parts. */
export function actionText(item: ActionItem): string {
  const t = item.cells.action?.text ?? item.text;
  return t
    .replace(/\s*\((?:owner|due|priority|type|status|ticket|issue)\s*:[^)]*\)/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export interface DraftContext {
  doc: PostmortemDocument;
  config: TrackersConfig;
  tracker: TrackerId;
}

export function ticketDraft(ctx: DraftContext, item: ActionItem, id: string): TicketDraft {
  const { doc, config } = ctx;
  const pm = postmortemId(doc);
  const marker = markerFor(pm, id);
  const action = actionText(item);
  const title = `${id}: ${action}`.slice(0, 250);
  const pmTitle = doc.title?.text ?? pm;
  const link = config.postmortem_url
    ?.replaceAll('{id}', encodeURIComponent(pm))
    .replaceAll('{file}', encodeURIComponent(basename(doc.source)));
  const owner = item.cells.owner?.text.trim();
  const facts = [
    item.type ? `Type: ${item.type}` : undefined,
    item.cells.priority ? `Priority: ${item.cells.priority.text}` : undefined,
    owner ? `Owner: ${owner}` : undefined,
    item.dueMs !== undefined ? `Due: ${isoDay(item.dueMs)}` : undefined,
  ].filter((x): x is string => x !== undefined);
  const lines = [
    `Action item ${id} from the postmortem ${link ? `[${pmTitle}](${link})` : `"${pmTitle}" (${basename(doc.source)})`}.`,
    '',
    action,
  ];
  if (facts.length) lines.push('', facts.join(' · '));
  const labels = [config.label, ...(item.type ? [item.type] : [])];
  const assignee = owner ? accountFor(config, owner, ctx.tracker) : undefined;
  const due = item.dueMs !== undefined ? isoDay(item.dueMs) : undefined;
  const content = { title, body: lines.join('\n'), labels, assignee, due };
  const fingerprint = createHash('sha256')
    .update(JSON.stringify(content))
    .digest('hex')
    .slice(0, 12);
  const draft: TicketDraft = {
    marker,
    title,
    body: `${content.body}\n\n${markerLine(marker, fingerprint)}`,
    labels,
  };
  if (assignee) draft.assignee = assignee;
  if (due) draft.due = due;
  return draft;
}

/** The fingerprint a draft carries in its marker line. */
export const draftFingerprint = (d: TicketDraft): string =>
  /fp:([0-9a-f]+)/.exec(d.body)?.[1] ?? '';
