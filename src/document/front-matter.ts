/** Front matter: the YAML block → typed fields with spans; broken YAML and wrong types become diagnostics. */
import type { Root } from 'mdast';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { fieldSchemas, KNOWN_FIELDS, nameList, type KnownField } from './front-matter-schema.js';
import { DATE_FIELDS, LIST_FIELDS, TIME_FIELDS, type FrontMatter } from './front-matter-types.js';
import { LineIndex, spanOf, toPlace, type Span } from './span.js';

export interface FrontMatterOptions {
  source: string;
  severityScale: readonly string[];
}

/** The YAML between the fences of a front-matter node: [start, end) offsets in the document. */
export function frontMatterContent(lines: LineIndex, span: Span): [number, number] {
  const start = Math.min(lines.nextLine(span.start.offset), span.end.offset);
  const end = Math.max(start, lines.lineStart(span.end.offset));
  return [start, end];
}

export function readFrontMatter(
  text: string,
  lines: LineIndex,
  tree: Root,
  options: FrontMatterOptions,
  diagnostics: Diagnostic[],
): FrontMatter | undefined {
  const node = tree.children[0];
  if (node?.type !== 'yaml') {
    if (/^---[ \t]*\r?\n/.test(text.replace(/^\uFEFF/, ''))) {
      diagnostics.push(
        diagnostic(
          'document/bad-front-matter',
          options.source,
          'warning',
          'front matter: the opening --- has no closing --- line, so it is read as Markdown',
          { place: toPlace(lines.span(0, 3)), data: { reason: 'unclosed' } },
        ),
      );
    }
    return undefined;
  }
  const span = spanOf(node);
  const [start, end] = frontMatterContent(lines, span);
  const raw = text.slice(start, end);
  const at = (a: number, b: number): Span => lines.span(start + a, start + b);
  const doc = parseDocument(raw, { prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) {
    diagnostics.push(
      diagnostic(
        'document/bad-front-matter',
        options.source,
        'error',
        `front matter: ${e.message.split('\n')[0]}`,
        { place: toPlace(at(e.pos[0], Math.max(e.pos[0], e.pos[1]))), data: { reason: e.code } },
      ),
    );
  }
  const fm: FrontMatter = {
    span,
    contentSpan: lines.span(start, end),
    raw,
    ok: doc.errors.length === 0,
    data: { extra: {} },
    fields: {},
  };
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return fm;
  if (!isMap(contents)) {
    diagnostics.push(
      diagnostic(
        'document/bad-front-matter',
        options.source,
        'error',
        'front matter: expected key: value pairs',
        { place: toPlace(at(0, raw.length)), data: { reason: 'not-a-map' } },
      ),
    );
    return fm;
  }
  let js: Record<string, unknown> = {};
  try {
    const v: unknown = doc.toJS({ maxAliasCount: 100 });
    if (v && typeof v === 'object') js = v as Record<string, unknown>;
  } catch {
    // Broken YAML can leave a document toJS refuses; the fields below then read as missing.
  }
  const schemas = fieldSchemas(options.severityScale);
  for (const pair of contents.items) {
    const keyNode = pair.key as YamlNode | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    if (key === undefined || !keyNode?.range) continue;
    const valueNode = pair.value as YamlNode | null;
    const keySpan = at(keyNode.range[0], keyNode.range[1]);
    const valueRange = valueNode?.range;
    const valueSpan = valueRange
      ? at(valueRange[0], valueRange[1])
      : at(keyNode.range[1], keyNode.range[1]);
    fm.fields[key] = { key: keySpan, value: valueSpan };
    const value = js[key];
    if (!KNOWN_FIELDS.has(key)) {
      fm.data.extra[key] = value;
      continue;
    }
    if (value === null || value === undefined) continue;
    const schema = Array.isArray(value) && key in LISTS ? nameList : schemas[key as KnownField];
    const result = schema.safeParse(value);
    if (result.success) {
      (fm.data as unknown as Record<string, unknown>)[key] = result.data;
      continue;
    }
    for (const issue of result.error.issues) {
      const item = typeof issue.path[0] === 'number' ? issue.path[0] : undefined;
      const itemNode = item !== undefined && isSeq(valueNode) ? valueNode.items[item] : undefined;
      const itemRange = (itemNode as YamlNode | undefined)?.range;
      diagnostics.push(
        diagnostic(
          key in TIME_OR_DATE ? 'document/bad-time' : 'document/bad-field',
          options.source,
          'warning',
          `front matter: ${key}${item === undefined ? '' : `[${item}]`}: ${issue.message}`,
          {
            place: toPlace(itemRange ? at(itemRange[0], itemRange[1]) : valueSpan),
            data: { field: key },
          },
        ),
      );
      break;
    }
  }
  return fm;
}

const TIME_OR_DATE: Readonly<Record<string, true>> = Object.fromEntries(
  [...TIME_FIELDS, ...DATE_FIELDS].map((f) => [f, true]),
);
const LISTS: Readonly<Record<string, true>> = Object.fromEntries(LIST_FIELDS.map((f) => [f, true]));
