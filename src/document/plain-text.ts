/** Plain text of Markdown nodes, without HTML (guidance comments, `<img>`, `<br>`). */
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';

export function plainText(node: Nodes | readonly Nodes[]): string {
  return toString(node as Nodes, { includeHtml: false });
}
