/** Setting one front-matter field by splicing its value: the rest of the YAML stays as written. */
import { isScalar, isSeq, parseDocument, stringify, type Node as YamlNode } from 'yaml';
import { lineEnding, type TextEdit } from './text-edit.js';
import type { PostmortemDocument } from './types.js';

export type FieldValue = string | number | boolean | null | readonly (string | number)[];

type Quote = 'QUOTE_SINGLE' | 'QUOTE_DOUBLE';

/**
 * A value as YAML on one line: plain where safe, quoted where needed (in `quote` style when the old
 * value was quoted), lists in flow style.
 */
export function yamlInline(value: FieldValue, quote?: Quote): string {
  if (value === null) return '';
  const s = stringify(value, {
    collectionStyle: 'flow',
    lineWidth: 0,
    blockQuote: false,
    ...(quote ? { defaultStringType: quote } : {}),
  }).trimEnd();
  return Array.isArray(value) ? s.replace(/^\[ (.*) \]$/, '[$1]') : s;
}

const isKey = (key: string): boolean => /^[A-Za-z_][\w-]*$/.test(key);

/**
 * Sets (or, with `undefined`, removes) a top-level front-matter field. Creates the front matter
 * when there is none. A block list stays a block list with its indentation.
 *
 * @example
 * applyEdits(doc.text, setFrontMatterField(doc, 'resolved', '2026-11-22T20:14:00Z'));
 */
export function setFrontMatterField(
  doc: PostmortemDocument,
  key: string,
  value: FieldValue | undefined,
): TextEdit[] {
  const { text } = doc;
  const nl = lineEnding(text);
  const line = value === undefined ? '' : fieldLine(key, value);
  const fm = doc.frontMatter;
  if (!fm) {
    if (value === undefined) return [];
    const at = text.startsWith('\uFEFF') ? 1 : 0;
    return [{ start: at, end: at, text: `---${nl}${line}${nl}---${nl}${nl}` }];
  }
  const base = fm.contentSpan.start.offset;
  const raw = fm.raw;
  const found = fm.ok ? locateParsed(raw, key) : locateLine(raw, key);
  if (!found) {
    if (value === undefined) return [];
    const end = fm.contentSpan.end.offset;
    // Content that does not end in a line break (none at all, or a last line without one).
    const pre = end > base && text[end - 1] !== '\n' ? nl : '';
    return [{ start: end, end, text: `${pre}${line}${nl}` }];
  }
  if (value === undefined) {
    return [{ start: base + found.lineStart, end: base + found.lineEnd, text: '' }];
  }
  if (found.blockIndent !== undefined && Array.isArray(value) && value.length > 0) {
    const items = value.map((v) => `${found.blockIndent}- ${yamlInline(v)}`).join(nl);
    return [{ start: base + found.valueStart, end: base + found.valueEnd, text: `${nl}${items}` }];
  }
  const v = yamlInline(value, typeof value === 'string' ? found.quote : undefined);
  return [
    {
      start: base + found.valueStart,
      end: base + found.valueEnd,
      text: v === '' ? '' : ` ${v}`,
    },
  ];
}

/**
 * Sets several fields at once (one block when the document has no front matter yet).
 *
 * @example
 * applyEdits(doc.text, setFrontMatterFields(doc, { status: 'published', shared: '2026-11-24' }));
 */
export function setFrontMatterFields(
  doc: PostmortemDocument,
  fields: Readonly<Record<string, FieldValue | undefined>>,
): TextEdit[] {
  const entries = Object.entries(fields).filter(
    (e): e is [string, FieldValue] => e[1] !== undefined || doc.frontMatter !== undefined,
  );
  if (doc.frontMatter) return entries.flatMap(([k, v]) => setFrontMatterField(doc, k, v));
  if (entries.length === 0) return [];
  const nl = lineEnding(doc.text);
  const lines = entries.map(([k, v]) => fieldLine(k, v));
  const at = doc.text.startsWith('\uFEFF') ? 1 : 0;
  return [{ start: at, end: at, text: `---${nl}${lines.join(nl)}${nl}---${nl}${nl}` }];
}

function fieldLine(key: string, value: FieldValue): string {
  const name = isKey(key) ? key : JSON.stringify(key);
  return `${name}:${value === null ? '' : ' '}${yamlInline(value)}`;
}

interface Located {
  /** Start of the key's line and the end of the value's last line (after its line break). */
  lineStart: number;
  lineEnd: number;
  /** What to replace with ` value`: from just after the colon to the end of the value. */
  valueStart: number;
  valueEnd: number;
  /** Indentation of the items when the value is a block list. */
  blockIndent?: string;
  /** How the old value was quoted. */
  quote?: Quote;
}

const lineStartOf = (s: string, i: number): number => s.lastIndexOf('\n', i - 1) + 1;
function lineEndOf(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  return nl < 0 ? s.length : nl + 1;
}
/** Where a line's content ends (before `\r\n`). */
function contentEnd(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  const e = nl < 0 ? s.length : nl;
  return e > i && s[e - 1] === '\r' ? e - 1 : e;
}

function locateParsed(raw: string, key: string): Located | undefined {
  const doc = parseDocument(raw, { uniqueKeys: false });
  const contents = doc.contents as { items?: { key: unknown; value: unknown }[] } | null;
  const pair = contents?.items?.find((p) => (p.key as { value?: unknown } | null)?.value === key);
  const keyNode = pair?.key as YamlNode | undefined;
  if (!pair || !keyNode?.range) return undefined;
  const colon = raw.indexOf(':', keyNode.range[1]);
  const valueNode = pair.value as YamlNode | null;
  const lineStart = lineStartOf(raw, keyNode.range[0]);
  let valueEnd = valueNode?.range ? valueNode.range[1] : colon + 1;
  // Block collections end after their last line break; keep that break.
  while (valueEnd > colon + 1 && (raw[valueEnd - 1] === '\n' || raw[valueEnd - 1] === '\r'))
    valueEnd--;
  if (!valueNode?.range || valueNode.range[0] === valueNode.range[1]) {
    // `key:` with nothing (or only spaces) after it.
    valueEnd = contentEnd(raw, colon + 1);
    if (raw.slice(colon + 1, valueEnd).trim() !== '') valueEnd = colon + 1;
  }
  const located: Located = {
    lineStart,
    lineEnd: lineEndOf(raw, Math.max(valueEnd, colon + 1)),
    valueStart: colon + 1,
    valueEnd,
  };
  if (
    isScalar(valueNode) &&
    (valueNode.type === 'QUOTE_SINGLE' || valueNode.type === 'QUOTE_DOUBLE')
  )
    located.quote = valueNode.type;
  if (isSeq(valueNode) && !valueNode.flow && valueNode.range) {
    const first = valueNode.range[0];
    located.blockIndent = raw.slice(lineStartOf(raw, first), first);
  }
  return located;
}

/** For YAML that does not parse: the `key:` line and the indented lines under it. */
function locateLine(raw: string, key: string): Located | undefined {
  const re = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*:`, 'm');
  const m = re.exec(raw);
  if (!m) return undefined;
  const valueStart = m.index + m[0].length;
  let end = lineEndOf(raw, valueStart);
  while (end < raw.length && /^[ \t]+\S/.test(raw.slice(end, end + 80))) end = lineEndOf(raw, end);
  let valueEnd = end;
  while (valueEnd > valueStart && (raw[valueEnd - 1] === '\n' || raw[valueEnd - 1] === '\r'))
    valueEnd--;
  return { lineStart: m.index, lineEnd: end, valueStart, valueEnd };
}
