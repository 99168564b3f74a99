/** A new postmortem from a template: front matter filled in, `{{placeholders}}` in the body replaced. */
import { AftermathError } from '../../errors.js';
import { applyEdits } from '../edit.js';
import { setFrontMatterFields, type FieldValue } from '../edit-front-matter.js';
import { normaliseSeverity } from '../front-matter-schema.js';
import { DEFAULT_SEVERITY_SCALE } from '../front-matter-types.js';
import { parseDocument } from '../parse.js';
import { findTemplate, type Template } from './index.js';

export interface NewDocumentOptions {
  title: string;
  /** A template name or a template; `default` when omitted. */
  template?: string | Template;
  /** Custom templates to look names up in (before the built-in ones). */
  templates?: readonly Template[];
  /** Default: `<date>-<title slug>`. */
  id?: string;
  severity?: string;
  severityScale?: readonly string[];
  authors?: readonly string[];
  services?: readonly string[];
  /** The day the document is created; today by default. */
  now?: Date;
}

/** `Checkout API 502s` → `checkout-api-502s`; letters of any script are kept. */
export function slug(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/**
 * Writes a new postmortem document.
 *
 * @example
 * newDocument({ title: 'Checkout API returned 502s', severity: 'SEV2', template: 'minimal' });
 */
export function newDocument(options: NewDocumentOptions): string {
  const template =
    typeof options.template === 'object'
      ? options.template
      : findTemplate(options.template ?? 'default', options.templates);
  const title = options.title.replace(/\s+/g, ' ').trim();
  const date = (options.now ?? new Date()).toISOString().slice(0, 10);
  const id = options.id ?? `${date}-${slug(title) || 'incident'}`;
  const scale = options.severityScale ?? DEFAULT_SEVERITY_SCALE;
  let severity: string | undefined;
  if (options.severity !== undefined) {
    severity = normaliseSeverity(options.severity, scale);
    if (severity === undefined) {
      throw new AftermathError(
        'bad-severity',
        `unknown severity "${options.severity}": expected one of ${scale.join(', ')}`,
      );
    }
  }
  const values: Record<string, string> = { title, id, date, severity: severity ?? '' };
  const fill = (s: string): string =>
    s.replace(/\{\{\s*(title|id|date|severity)\s*\}\}/g, (_, k: string) => values[k] ?? '');
  // Placeholders are filled in the body only; front-matter values go through YAML-aware edits.
  const first = parseDocument(template.text);
  const bodyStart = first.frontMatter ? first.frontMatter.span.end.offset : 0;
  const text = template.text.slice(0, bodyStart) + fill(template.text.slice(bodyStart));
  const doc = parseDocument(text);
  const fields: Record<string, FieldValue> = { id, title };
  if (severity !== undefined) fields.severity = severity;
  if (options.authors?.length) fields.authors = options.authors;
  if (options.services?.length) fields.services = options.services;
  return applyEdits(text, setFrontMatterFields(doc, fields));
}
