/** Text edits as splices on the original text, and applying several at once. */
import { AftermathError } from '../errors.js';

export interface TextEdit {
  /** String offsets in the parsed text; `start === end` inserts. */
  start: number;
  end: number;
  text: string;
}

/**
 * Applies edits made against `text`. Edits may touch but not overlap; insertions at the same
 * offset keep their order.
 *
 * @example
 * const next = applyEdits(doc.text, [
 *   ...setFrontMatterField(doc, 'status', 'in-review'),
 *   ...replaceSectionBody(doc, findSection(doc, 'summary')!, 'What happened, in two lines.'),
 * ]);
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i)
    .map((x) => x.e);
  const out: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at || e.end < e.start || e.end > text.length) {
      throw new AftermathError(
        'overlapping-edits',
        `edit ${e.start}–${e.end} overlaps another edit or falls outside the text (0–${text.length})`,
      );
    }
    out.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  out.push(text.slice(at));
  return out.join('');
}

/** The document's line ending, so inserted lines match it. */
export function lineEnding(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}
