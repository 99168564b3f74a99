/** Plain text of mdast nodes without HTML (the document module keeps its own helper private). */
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';

export function plainText(node: Nodes | readonly Nodes[]): string {
  return toString(node as Nodes, { includeHtml: false });
}
