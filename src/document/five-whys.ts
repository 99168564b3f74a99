/** The five whys: a chain of list items (numbered, or nested one under the other). */
import { plainText } from './plain-text.js';
import { listItems, topSections, type PartContext } from './part-context.js';
import { spanOf } from './span.js';
import type { FiveWhys, Why } from './types.js';

const WHY_LINE = /^\s*(?:why\b|\d+[.)]\s)/i;

export function readFiveWhys(ctx: PartContext): FiveWhys | undefined {
  const sections = topSections(ctx.sections, 'five-whys');
  if (sections.length === 0) return undefined;
  const whys: Why[] = [];
  for (const section of sections) {
    const found: Why[] = [];
    for (const { item, depth } of listItems(section.nodes)) {
      // An item's own text, without the nested items that follow as later links of the chain.
      const own = item.children.filter((c) => c.type !== 'list');
      found.push({
        text: own
          .map((c) => plainText(c))
          .join(' ')
          .trim(),
        span: spanOf(own[0] ?? item),
        depth,
      });
    }
    if (found.length === 0) {
      // "Why? Because …" written as paragraphs.
      for (const node of section.nodes) {
        if (node.type !== 'paragraph') continue;
        const text = plainText(node);
        if (WHY_LINE.test(text)) found.push({ text: text.trim(), span: spanOf(node), depth: 0 });
      }
    }
    whys.push(...found);
  }
  return { sections: sections.map((s) => s.index), whys };
}
