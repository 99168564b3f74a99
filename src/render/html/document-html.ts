/**
 * The postmortem as HTML: Markdown through unified, then sanitised (GitHub's schema: no scripts,
 * no event handlers, no `javascript:` links), so whatever the document quotes from the logs stays
 * text. Headings move one level down to sit under the report's own.
 */
import type { Element, Root } from 'hast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { parseDocument } from '../../document/parse.js';
import type { DocumentRow } from './swimlane.js';

const isMermaid = (node: Element): boolean => {
  const code = node.children[0];
  if (node.tagName !== 'pre' || code?.type !== 'element' || code.tagName !== 'code') return false;
  const cls = code.properties.className;
  return Array.isArray(cls) && cls.includes('language-mermaid');
};

/** After sanitising: headings one level down, Mermaid blocks in a figure the page script draws. */
function reportShape() {
  return (tree: Root): void => {
    visit(tree, 'element', (node, index, parent) => {
      const level = /^h([1-6])$/.exec(node.tagName)?.[1];
      if (level) node.tagName = `h${Math.min(6, Number(level) + 1)}`;
      if (isMermaid(node) && parent && index !== undefined) {
        parent.children[index] = {
          type: 'element',
          tagName: 'figure',
          properties: { className: ['diagram'] },
          children: [
            node,
            {
              type: 'element',
              tagName: 'figcaption',
              properties: { className: ['diagram-note'] },
              children: [{ type: 'text', value: 'Mermaid diagram (source)' }],
            },
          ],
        };
        return 'skip';
      }
      return undefined;
    });
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(reportShape)
  .use(rehypeStringify);

export interface RenderedDocument {
  html: string;
  title?: string;
  /** Whether it has Mermaid diagrams (the page inlines Mermaid only then). */
  hasDiagrams: boolean;
  /** Timeline rows with a readable time, for the swimlane. */
  rows: DocumentRow[];
}

const MERMAID_FENCE = /^ {0,3}(`{3,}|~{3,})\s*mermaid\b/m;

export function renderDocument(markdown: string): RenderedDocument {
  const doc = parseDocument(markdown);
  const rows: DocumentRow[] = [];
  for (const e of doc.timeline?.entries ?? [])
    if (e.ms !== undefined && !e.placeholder)
      rows.push({ ms: e.ms, time: e.time.text, event: e.event.text });
  return {
    html: String(processor.processSync(markdown)),
    ...(doc.title ? { title: doc.title.text } : {}),
    hasDiagrams: MERMAID_FENCE.test(markdown),
    rows,
  };
}
