/** What the action-item rules share: which items count, and where to point at one. */
import type { ActionItem, PostmortemDocument, Span } from '../../document/index.js';
import type { LineIndex } from '../../document/span.js';

const DONE_GROUP = /(?<!\bto )\b(?:completed|done|finished|closed|resolved|already)\b/i;

const OPEN_GROUP =
  /\b(?:planned|in[- ]progress|short|medium|long|next|future|todo|to do|upcoming|open)\b/i;

/** Written as done: a check mark, "(done)", or a report in the past tense ("Reverted …", "We've added …"). */
const DONE_TEXT =
  /^\s*(?:[\u2705\u2714\u2611]|~~)|\((?:done|completed?|fixed)\)|^\s*(?:\*\*[^*]*\*\*\s*:?\s*)?(?:we(?:'ve| have)?\s+(?:\w+ly\s+)?)?(?:(?!need|feed|seed|embed|proceed|speed)[a-z]+(?:-[a-z]+)?ed|sent|built|rebuilt|made|ran|wrote|rewrote|took|gave)\b(?! by\b)|^[^.:;]*(?<!(?:should|could|would|might|must|may) )\b(?:has|have) been (?!scheduled|planned)\w+(?:ed|en|ne)\b/i;

/** An item with some text: not an empty template row, bullet or checkbox. */
export function hasText(item: ActionItem): boolean {
  return item.text.replace(/[\s\-*_|.:[\]xX]+/g, '') !== '';
}

/** Done or dropped: its status, the heading it sits under ("Immediate actions (completed)"), or its wording. */
export function isClosed(item: ActionItem): boolean {
  if (item.status === 'done' || item.status === 'wont-do') return true;
  if (item.status === 'open' || item.status === 'in-progress') return false;
  if (item.group !== undefined && DONE_GROUP.test(item.group)) return true;
  // Under "Planned" or "Long-term", "Improved runbooks" is an adjective, not a report.
  if (item.group !== undefined && OPEN_GROUP.test(item.group)) return false;
  return DONE_TEXT.test(item.text);
}

/**
 * An owner named in the text: "owner: …", "owned by …", "(@alice)", "(Dana to follow up)", or a team that will do it
 * ("The error tracking team should monitor …", "DevEx will update …").
 */
export function ownerInText(text: string): boolean {
  return (
    /\b(?:owner|owned by|assigned to|dri)\b|@[A-Za-z0-9]/i.test(text) ||
    /\(\p{Lu}\p{Ll}+ (?:to|will|calls?|owns|leads?|drives?)\b/u.test(text) ||
    /\b(?:the )?[\p{L}-]+(?: [\p{L}-]+)? team (?:will|should|is going to|owns|to)\b/iu.test(text) ||
    /^\s*(?:\*\*[^*]*\*\*\s*:?\s*)?\p{Lu}[\p{L}&-]*(?: \p{Lu}[\p{L}&-]*)? (?:will|has placed|is going to)\b/u.test(
      text,
    )
  );
}

/** Items with text that are still to do. */
export function openItems(doc: PostmortemDocument): ActionItem[] {
  return (doc.actionItems?.items ?? []).filter((i) => hasText(i) && !isClosed(i));
}

/** The action cell of a table row, else the first line of a list item. */
export function itemSpan(doc: PostmortemDocument, item: ActionItem, lines: LineIndex): Span {
  const action = item.cells.action;
  if (action && action.span.end.offset > action.span.start.offset) return action.span;
  if (item.form === 'table') return item.span;
  const start = item.span.start.offset;
  let end = doc.text.indexOf('\n', start);
  if (end < 0 || end > item.span.end.offset) end = item.span.end.offset;
  if (doc.text[end - 1] === '\r') end--;
  return lines.span(start, end);
}

/** The item's text shortened for a message. */
export function itemLabel(item: ActionItem): string {
  const t = item.text.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

const WHEN =
  /\b(?:Q[1-4]|H[12])\b|\b20\d{2}-\d{2}(?:-\d{2})?\b|\b(?:by|before|until|due|in) (?:the )?(?:end of )?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|next (?:week|sprint|month|quarter)|(?:this|next) (?:week|sprint|month|quarter)|monday|tuesday|wednesday|thursday|friday)\b/i;

/** A due date or time frame in the item's text or the heading above it ("Long-term (Q4 2025)"). */
export function dueInText(item: ActionItem): boolean {
  return WHEN.test(item.text) || (item.group !== undefined && WHEN.test(item.group));
}

const PRIORITY =
  /\b(?:P[0-4]|SEV[1-4]|priority|urgent|critical|high|medium|low|immediate|short[- ]term|medium[- ]term|long[- ]term|must[- ]have|nice[- ]to[- ]have)\b/i;

/** A priority in the item's text or the heading above it ("Short-term improvements", "(P1)"). */
export function priorityInText(item: ActionItem): boolean {
  const head = item.text.slice(0, 40);
  return (
    /\((?:P[0-4]|high|medium|low)\)|\[(?:P[0-4]|high|medium|low)\]|priority\s*:/i.test(item.text) ||
    /^\s*(?:P[0-4])\b/.test(head) ||
    (item.group !== undefined && PRIORITY.test(item.group))
  );
}

const TYPE_WORD =
  /\b(?:prevent(?:ion|ive|ative)?|detect(?:ion)?|mitigat(?:e|ion)|process|procedures?)\b/i;

/** A type named by the heading above the item ("Prevention", "Detection") or a `[prevent]` tag. */
export function typeInText(item: ActionItem): boolean {
  return (
    /\[(?:prevent|detect|mitigate|process)\]|\btype\s*:/i.test(item.text) ||
    (item.group !== undefined && item.group.split(/\s+/).length <= 4 && TYPE_WORD.test(item.group))
  );
}
