/** `file:line` of a piece of evidence, breakable after each `/` so long paths wrap at folders. */
import { markup, type SafeHtml } from './escape.js';
import type { Evidence } from './types.js';

export function evidenceRef(e: Evidence): SafeHtml {
  const parts = e.file.split('/');
  return markup`${parts.map((p, i) => markup`${p}${i < parts.length - 1 ? markup`/<wbr />` : ''}`)}:${e.line}`;
}

export function evidenceList(list: readonly Evidence[], separator: SafeHtml | string): SafeHtml {
  return markup`${list.map((e, i) => markup`${i ? separator : ''}${evidenceRef(e)}`)}`;
}
