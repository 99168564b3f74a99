/** Markdown with YAML front matter → a `PostmortemDocument`; never throws, problems become diagnostics. */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { readActionItems } from './action-items.js';
import { readContributingFactors } from './contributing-factors.js';
import { readFiveWhys } from './five-whys.js';
import { readFrontMatter } from './front-matter.js';
import { DEFAULT_SEVERITY_SCALE } from './front-matter-types.js';
import { readImpact } from './impact.js';
import { parseMarkdown } from './markdown.js';
import type { PartContext } from './part-context.js';
import { splitSections } from './sections.js';
import { LineIndex, spanOf } from './span.js';
import { timeParts, utcDate, type YearMonthDay } from './time-text.js';
import { readTimeline } from './timeline.js';
import type { PostmortemDocument } from './types.js';
import { plainText } from './plain-text.js';

export interface ParseOptions {
  /** File path or name for diagnostics; `<document>` by default. */
  source?: string;
  /** Accepted severities, in the spelling to normalise to (default SEV1–SEV4 and P1–P4). */
  severityScale?: readonly string[];
}

/**
 * Parses a postmortem.
 *
 * @example
 * const doc = parseDocument(readFileSync('postmortem.md', 'utf8'), { source: 'postmortem.md' });
 * doc.sections.find((s) => s.kind === 'timeline');
 * doc.actionItems?.items.filter((i) => !i.cells.owner);
 */
export function parseDocument(text: string, options: ParseOptions = {}): PostmortemDocument {
  const source = options.source ?? '<document>';
  const diagnostics: Diagnostic[] = [];
  const lines = new LineIndex(text);
  let tree: Root;
  try {
    tree = parseText(text);
  } catch (err) {
    diagnostics.push(internal(source, 'markdown', err));
    tree = { type: 'root', children: [] };
  }
  const doc: PostmortemDocument = { source, text, tree, sections: [], diagnostics };
  const guard = (part: string, fn: () => void): void => {
    try {
      fn();
    } catch (err) {
      // A reader's bug must not cost the user the rest of the document.
      diagnostics.push(internal(source, part, err));
    }
  };
  guard('front matter', () => {
    const fm = readFrontMatter(
      text,
      lines,
      tree,
      { source, severityScale: options.severityScale ?? DEFAULT_SEVERITY_SCALE },
      diagnostics,
    );
    if (fm) doc.frontMatter = fm;
  });
  guard('sections', () => {
    const split = splitSections(text, lines, tree);
    doc.sections = split.sections;
    if (split.preamble) doc.preamble = split.preamble;
    if (split.title) doc.titleHeading = spanOf(split.title);
    const fmTitle = doc.frontMatter?.data.title;
    const fmSpan = doc.frontMatter?.fields.title?.value;
    if (fmTitle !== undefined && fmSpan)
      doc.title = { text: fmTitle, span: fmSpan, from: 'front-matter' };
    else if (split.title)
      doc.title = { text: plainText(split.title), span: spanOf(split.title), from: 'heading' };
  });
  const ctx: PartContext = { text, lines, sections: doc.sections };
  const date = contextDate(doc);
  if (date) ctx.date = date;
  guard('timeline', () => {
    const t = readTimeline(ctx);
    if (t) doc.timeline = t;
  });
  guard('five whys', () => {
    const w = readFiveWhys(ctx);
    if (w) doc.fiveWhys = w;
  });
  guard('contributing factors', () => {
    const f = readContributingFactors(ctx);
    if (f) doc.contributingFactors = f;
  });
  guard('action items', () => {
    const a = readActionItems(ctx);
    if (a) doc.actionItems = a;
  });
  guard('impact', () => {
    const i = readImpact(ctx);
    if (i) doc.impact = i;
  });
  return doc;
}

/**
 * remark on text with a byte-order mark reports offsets without it: shift them back. micromark
 * itself drops one more mark when the text left starts with another, so two may go.
 */
function parseText(text: string): Root {
  if (!text.startsWith('\uFEFF')) return parseMarkdown(text);
  const shift = text.startsWith('\uFEFF\uFEFF') ? 2 : 1;
  const tree = parseMarkdown(text.slice(1));
  visit(tree, (node) => {
    const p = node.position;
    if (!p) return;
    for (const point of [p.start, p.end]) {
      if (point.offset !== undefined) point.offset += shift;
      if (point.line === 1) point.column += shift;
    }
  });
  return tree;
}

/** The day times without a date belong to: the front matter's first time, else a date in the title or preamble. */
function contextDate(doc: PostmortemDocument): YearMonthDay | undefined {
  const d = doc.frontMatter?.data;
  const first = [d?.started, d?.detected, d?.acknowledged, d?.mitigated, d?.resolved].find(
    (t) => t?.ms !== undefined,
  );
  if (first?.ms !== undefined) return utcDate(first.ms);
  const p = doc.preamble;
  const candidates = [doc.title?.text, p && doc.text.slice(p.start.offset, p.end.offset)];
  for (const c of candidates) {
    const date = c ? timeParts(c).date : undefined;
    if (date && date.y > 0) return date;
    // "January 14-19, 2026": the day without its year, the year further on.
    const year = c && /\b(19|20)\d{2}\b/.exec(c);
    if (date && year) return { ...date, y: Number(year[0]) };
  }
  return undefined;
}

function internal(source: string, part: string, err: unknown): Diagnostic {
  return diagnostic(
    'document/internal-error',
    source,
    'error',
    `could not read the ${part}: ${(err as Error)?.message ?? String(err)}`,
    { cause: err, data: { part } },
  );
}
