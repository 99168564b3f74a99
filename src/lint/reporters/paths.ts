/** Paths and links as reporters write them. */
import { isAbsolute, relative, sep } from 'node:path';
import type { AnyRule } from '../define-rule.js';
import type { ReportContext } from './types.js';

/** A path relative to cwd with forward slashes (absolute when outside cwd). */
export function displayPath(source: string, cwd: string): string {
  if (!isAbsolute(source)) return source.split(sep).join('/');
  const rel = relative(cwd, source);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return source.split(sep).join('/');
  return rel.split(sep).join('/');
}

/** The documentation link of a rule, under `docsBaseUrl` when one is given. */
export function docsUrl(
  id: string,
  rule: AnyRule | undefined,
  context: ReportContext,
): string | undefined {
  if (context.docsBaseUrl) {
    const base = context.docsBaseUrl.endsWith('/')
      ? context.docsBaseUrl
      : `${context.docsBaseUrl}/`;
    return `${base}${id}.md`;
  }
  return rule?.meta.docs;
}
