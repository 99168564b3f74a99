/** Small look-ups over sections for rules. */
import type { RootContent } from 'mdast';
import type { PostmortemDocument, Section } from '../../document/index.js';
import { plainText } from '../../document/plain-text.js';

/** List items with text and no nested list (the leaves), at any depth. */
export function listItemCount(nodes: readonly RootContent[]): number {
  let n = 0;
  const walk = (ns: readonly RootContent[]): void => {
    for (const node of ns) {
      if (node.type === 'list') {
        for (const item of node.children) {
          const nested = item.children.filter((c) => c.type === 'list');
          if (nested.length > 0) walk(nested);
          else if (plainText(item).trim() !== '') n++;
        }
      } else if ('children' in node && node.type !== 'heading' && node.type !== 'table')
        walk(node.children as RootContent[]);
    }
  };
  walk(nodes);
  return n;
}

/** Whether a section is inside (or is) a section of the given kinds. */
export function within(
  doc: PostmortemDocument,
  index: number,
  kinds: ReadonlySet<string>,
): boolean {
  for (let i: number | undefined = index; i !== undefined && i >= 0; i = doc.sections[i]?.parent) {
    const s = doc.sections[i];
    if (!s) return false;
    if (kinds.has(s.kind)) return true;
  }
  return false;
}

/** A section with nothing but blanks, comments and empty bullets or rows. */
export function isEmpty(section: Section): boolean {
  return section.text.replace(/[\s\-*_|:.]+/g, '') === '';
}
