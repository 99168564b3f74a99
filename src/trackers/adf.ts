/** Atlassian Document Format for Jira descriptions: plain paragraphs in, all text out. */

export interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

/**
 * A document of one paragraph per blank-line-separated block; an HTML comment (the marker line)
 * becomes its text, since Jira shows no Markdown and keeps no comments.
 */
export function toAdf(text: string): AdfDoc {
  const blocks = text
    .replace(/<!--\s*([\s\S]*?)\s*-->/g, '$1')
    .split(/\r?\n\s*\r?\n/)
    .map((b) => b.trim())
    .filter((b) => b !== '');
  return {
    type: 'doc',
    version: 1,
    content: blocks.map((b) => {
      const lines = b.split(/\r?\n/);
      const content: AdfNode[] = [];
      lines.forEach((line, i) => {
        if (i > 0) content.push({ type: 'hardBreak' });
        if (line !== '') content.push({ type: 'text', text: line });
      });
      return { type: 'paragraph', content };
    }),
  };
}

/** Every text node's text, blocks separated by line breaks (to find the marker in a description). */
export function adfText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (!node || typeof node !== 'object') return '';
  const n = node as AdfNode;
  if (n.type === 'text') return n.text ?? '';
  if (n.type === 'hardBreak') return '\n';
  const inner = (n.content ?? []).map(adfText);
  return n.type === 'doc' ? inner.join('\n') : inner.join('');
}
