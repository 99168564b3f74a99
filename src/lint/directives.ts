/**
 * Inline comments that turn rules off: `<!-- aftermath-disable [ids] -->` until
 * `<!-- aftermath-enable [ids] -->`, `<!-- aftermath-disable-next-line [ids] -->` and
 * `<!-- aftermath-disable-line [ids] -->`. Without ids they cover every rule; text after `--` is a reason.
 */
import type { Html } from 'mdast';
import { visit } from 'unist-util-visit';
import type { PostmortemDocument } from '../document/index.js';
import type { LineIndex } from '../document/span.js';

type Kind = 'disable' | 'enable' | 'disable-next-line' | 'disable-line';

interface Directive {
  kind: Kind;
  /** Rule ids; undefined for all. */
  ids?: Set<string>;
  /** Where the comment starts and ends (offsets). */
  start: number;
  end: number;
  /** The line a line directive covers. */
  line?: number;
}

const COMMENT = /<!--\s*aftermath-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)-->/g;

function ids(text: string): Set<string> | undefined {
  const list = text
    .split(/\s--\s/)[0]!
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length > 0 ? new Set(list) : undefined;
}

export class Directives {
  private readonly list: Directive[] = [];

  constructor(doc: PostmortemDocument, lines: LineIndex) {
    const firstSection = doc.sections[0]?.span.start.offset ?? doc.text.length;
    visit(doc.tree, 'html', (node: Html) => {
      const base = node.position?.start.offset;
      if (base === undefined) return;
      const raw = doc.text.slice(base, node.position?.end.offset ?? base);
      for (const m of raw.matchAll(COMMENT)) {
        const start = base + m.index;
        const end = start + m[0].length;
        const d: Directive = { kind: m[1] as Kind, start, end };
        const named = ids(m[2] ?? '');
        if (named) d.ids = named;
        if (d.kind === 'disable-line') d.line = lines.point(start).line;
        if (d.kind === 'disable-next-line') d.line = nextContentLine(doc.text, end, lines);
        // Before the first section, a disable covers the whole document (front matter included).
        if (d.kind === 'disable' && start < firstSection) d.start = 0;
        this.list.push(d);
      }
    });
    this.list.sort((a, b) => a.start - b.start);
  }

  get size(): number {
    return this.list.length;
  }

  /** Whether a finding of `ruleId` at `offset` (on `line`) is turned off. */
  disabled(ruleId: string, offset: number, line: number): boolean {
    let all = false;
    const off = new Set<string>();
    const back = new Set<string>();
    for (const d of this.list) {
      const covers = !d.ids || d.ids.has(ruleId);
      if (
        (d.kind === 'disable-line' || d.kind === 'disable-next-line') &&
        d.line === line &&
        covers
      )
        return true;
      if (d.start > offset) continue;
      if (d.kind === 'disable') {
        if (!d.ids) {
          all = true;
          back.clear();
        } else {
          for (const id of d.ids) {
            if (all) back.delete(id);
            else off.add(id);
          }
        }
      } else if (d.kind === 'enable') {
        if (!d.ids) {
          all = false;
          off.clear();
        } else {
          for (const id of d.ids) {
            if (all) back.add(id);
            else off.delete(id);
          }
        }
      }
    }
    return (all && !back.has(ruleId)) || off.has(ruleId);
  }
}

/** The first line after `offset`'s line that is not blank. */
function nextContentLine(text: string, offset: number, lines: LineIndex): number {
  let i = text.indexOf('\n', offset);
  while (i >= 0) {
    const next = text.indexOf('\n', i + 1);
    const line = text.slice(i + 1, next < 0 ? text.length : next);
    if (line.trim() !== '') return lines.point(i + 1).line;
    if (next < 0) break;
    i = next;
  }
  return lines.point(offset).line + 1;
}
