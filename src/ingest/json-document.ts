/**
 * Log records saved as one JSON document rather than one per line: what cloud consoles and CLIs
 * export (`gcloud logging read --format=json`, `aws logs filter-log-events`, `az monitor … query`),
 * CloudTrail files, an Elasticsearch search answer. The document is parsed whole (it is bounded)
 * and its records handed on as JSON lines, one per record, so the formats that read JSON lines
 * read them; a record's "line" is its position in the document.
 */
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';

/** Larger documents are refused with a way out (parsing holds several times their size). */
export const MAX_DOCUMENT_BYTES = 128 * 1024 * 1024;

/** Where records sit in the exports we know, tried in this order (a path of keys). */
const RECORD_PATHS: readonly (readonly string[])[] = [
  ['Records'], // CloudTrail
  ['events'], // aws logs filter-log-events / get-log-events
  ['entries'], // Cloud Logging API entries:list
  ['hits', 'hits'], // Elasticsearch / OpenSearch _search
  ['logs'],
  ['records'],
  ['items'],
  ['results'], // CloudWatch Logs Insights get-query-results
  ['value'], // Azure REST lists
];

/**
 * Whether a file that starts with these bytes is a JSON document: a pretty-printed one opens with
 * a line that is only `[` or `{`; one written on one line opens with a key of records (see
 * ONE_LINE). A JSON-lines file opens with a whole record on its first line, and stays with the
 * line readers.
 */
export function looksLikeJsonDocument(head: Buffer): boolean {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 32 || head[i] === 9 || head[i] === 13 || head[i] === 10))
    i++;
  const c = head[i];
  if (c !== 0x5b && c !== 0x7b) return false;
  let j = i + 1;
  while (j < head.length && (head[j] === 32 || head[j] === 9 || head[j] === 13)) j++;
  if (j >= head.length || head[j] === 10) return true;
  return ONE_LINE.test(head.subarray(i, i + 64).toString('latin1'));
}

/**
 * A document written on one line (CloudTrail's files, `jq -c`) is taken only when it opens with a
 * key that holds records: a JSON-lines log's first record opens with anything else.
 */
const ONE_LINE = /^\{\s*"(?:Records|events|entries|logs|records|items|results|value)"\s*:\s*\[/;

/** The records of a parsed document, and where they were found; undefined when it has none. */
export function recordsOf(doc: unknown): { records: unknown[]; at: string } | undefined {
  if (Array.isArray(doc)) return { records: doc, at: 'the top-level array' };
  if (doc === null || typeof doc !== 'object') return undefined;
  for (const path of RECORD_PATHS) {
    let v: unknown = doc;
    for (const key of path)
      v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
    if (!Array.isArray(v)) continue;
    // Search hits keep their document in `_source`; Logs Insights rows are lists of fields.
    const records =
      path[0] === 'hits'
        ? v.map((h) => (isObject(h) && isObject(h._source) ? h._source : h))
        : v.map(fieldList);
    return { records, at: `"${path.join('.')}"` };
  }
  return undefined;
}

/** `[{"field": "@timestamp", "value": "…"}, …]` (CloudWatch Logs Insights) as one object. */
function fieldList(v: unknown): unknown {
  if (!Array.isArray(v) || v.length === 0) return v;
  const o: Record<string, unknown> = {};
  for (const f of v) {
    if (!isObject(f) || typeof f.field !== 'string') return v;
    o[f.field] = f.value;
  }
  return o;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Reads the whole document from `input` and yields its records as JSON lines, in chunks. Throws
 * (with a message naming the problem) when the document is too large, is not JSON, or holds no
 * records; `notes` receives what a reader should know about the conversion.
 */
export async function* jsonDocumentLines(
  input: AsyncIterable<Buffer>,
  file: string,
  notes: Diagnostic[],
  maxBytes = MAX_DOCUMENT_BYTES,
): AsyncGenerator<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    size += chunk.length;
    if (size > maxBytes)
      throw new Error(
        `${file} is one JSON document larger than ${Math.floor(maxBytes / 1048576)} MiB; turn it into JSON lines first (jq -c '.[]', or '.Records[]', '.events[]')`,
      );
    // The reader reuses its buffers: keep copies.
    parts.push(Buffer.from(chunk));
  }
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.concat(parts, size).toString('utf8'));
  } catch (err) {
    throw new Error(
      `${file} looks like a JSON document but does not parse: ${(err as Error).message}`,
    );
  }
  parts.length = 0;
  const found = recordsOf(doc);
  if (found === undefined)
    throw new Error(
      `${file} is a JSON document without a list of records (expected an array, or one under ${RECORD_PATHS.map((p) => p.join('.')).join(', ')})`,
    );
  notes.push(
    diagnostic(
      'ingest/json-document',
      file,
      'info',
      `read as one JSON document: ${found.records.length} records from ${found.at}; line numbers are record numbers`,
    ),
  );
  let skipped = 0;
  let batch: string[] = [];
  let bytes = 0;
  for (const r of found.records) {
    // A record that is not an object still takes its line, so positions stay record numbers.
    if (!isObject(r)) skipped++;
    const line = isObject(r) ? JSON.stringify(r) : '';
    batch.push(line);
    bytes += line.length;
    if (bytes >= 1 << 20) {
      yield Buffer.from(batch.join('\n') + '\n');
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length > 0) yield Buffer.from(batch.join('\n') + '\n');
  if (skipped > 0)
    notes.push(
      diagnostic(
        'ingest/json-document-skipped',
        file,
        'warning',
        `${skipped} of ${found.records.length} elements of ${found.at} are not objects; kept as blank lines`,
      ),
    );
}

/**
 * The input as it is, or, when its first bytes say it is one JSON document, its records as JSON
 * lines (see {@link jsonDocumentLines}). Nothing is read before the caller asks, so a read error
 * reaches the caller's loop as it would without this.
 */
export async function* withJsonDocuments(
  input: AsyncIterable<Buffer>,
  file: string,
  notes: Diagnostic[],
  /** Called before the first record is handed on, when the input is a document. */
  onDocument: () => void = () => {},
): AsyncGenerator<Buffer> {
  const it = input[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done === true) return;
  // The reader reuses its buffers: the first chunk is copied before the next is read.
  const head = Buffer.from(first.value);
  async function* whole(): AsyncGenerator<Buffer> {
    yield head;
    for (let r = await it.next(); r.done !== true; r = await it.next()) yield r.value;
  }
  if (looksLikeJsonDocument(head)) {
    onDocument();
    yield* jsonDocumentLines(whole(), file, notes);
  } else yield* whole();
}
