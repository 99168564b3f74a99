/** Imports postmortem files into the archive: parse each, then write them all in one transaction (all or nothing). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { parseDocument } from '../document/index.js';
import { UsageError } from '../errors.js';
import { contentHash, recordFromDocument } from './record.js';
import type { PostmortemRecord, Store, UpsertOutcome } from './store.js';

const MARKDOWN = new Set(['.md', '.markdown']);

export interface FileOutcome {
  path: string;
  id?: string;
  outcome: UpsertOutcome | 'failed';
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  failed: number;
  files: FileOutcome[];
  diagnostics: Diagnostic[];
}

export interface ImportOptions {
  cwd?: string;
  severityScale?: readonly string[];
  /** Called after each file is read (`phase: 'read'`) and each record is written (`'write'`). */
  onProgress?: (phase: 'read' | 'write', done: number, total: number, path: string) => void;
}

/** Markdown files under the paths: files as given, folders walked in name order (no dot-folders, no node_modules). */
export function markdownFiles(
  paths: readonly string[],
  cwd = process.cwd(),
  command = 'archive add',
): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && MARKDOWN.has(extname(e.name).toLowerCase())) out.push(p);
    }
  };
  for (const given of paths) {
    const p = resolve(cwd, given);
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new UsageError(
        `${command}: expected a Markdown file or a folder, "${given}" does not exist`,
      );
    }
    if (isDir) walk(p);
    else out.push(p);
  }
  return out;
}

/**
 * Archives the files: a file that cannot be read or parsed is reported and skipped, the rest are
 * written together, so a crash or a kill leaves the archive as it was before.
 *
 * @example
 * const summary = await importFiles(store, markdownFiles(['postmortems/']));
 * console.log(`added ${summary.added}, updated ${summary.updated}`);
 */
export async function importFiles(
  store: Store,
  files: readonly string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const cwd = options.cwd ?? process.cwd();
  const summary: ImportSummary = {
    added: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    files: [],
    diagnostics: [],
  };
  const records: PostmortemRecord[] = [];
  const seen = new Map<string, string>();
  // What the archive already holds by path: an unchanged file is known by its hash, unparsed.
  const known = new Map((await store.list()).map((p) => [p.path, p]));
  const order = new Map<string, number>();
  for (const [i, file] of files.entries()) {
    // Ids derived from the path stay the same wherever the archive is opened from the same folder.
    const name = relative(cwd, file).split(sep).join('/') || file;
    order.set(file, i).set(name, i);
    const text = readText(file, summary.diagnostics);
    const same = text !== undefined ? known.get(name) : undefined;
    if (same && same.contentHash === contentHash(text!) && !seen.has(same.id)) {
      seen.set(same.id, file);
      summary.unchanged++;
      summary.files.push({ path: name, id: same.id, outcome: 'unchanged' });
      options.onProgress?.('read', i + 1, files.length, file);
      continue;
    }
    const record =
      text === undefined ? undefined : toRecord(text, file, name, options, summary.diagnostics);
    options.onProgress?.('read', i + 1, files.length, file);
    if (!record) {
      summary.failed++;
      summary.files.push({ path: file, outcome: 'failed' });
      continue;
    }
    const first = seen.get(record.id);
    if (first !== undefined) {
      summary.failed++;
      summary.files.push({ path: file, id: record.id, outcome: 'failed' });
      summary.diagnostics.push(
        diagnostic(
          'store/duplicate-id',
          file,
          'error',
          `id "${record.id}" is also the id of ${first}; each postmortem needs its own id`,
          {
            data: { id: record.id },
          },
        ),
      );
      continue;
    }
    seen.set(record.id, file);
    records.push(record);
  }
  const written = await store.batch(async (w) => {
    const out: FileOutcome[] = [];
    for (const [i, r] of records.entries()) {
      const result = await w.upsert(r);
      out.push({ path: r.path, id: r.id, outcome: result.outcome });
      options.onProgress?.('write', i + 1, records.length, r.path);
    }
    return out;
  });
  for (const f of written) {
    if (f.outcome === 'added') summary.added++;
    else if (f.outcome === 'updated') summary.updated++;
    else if (f.outcome === 'unchanged') summary.unchanged++;
  }
  summary.files.push(...written);
  // In the order the files were given, whichever way each was decided.
  summary.files.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
  return summary;
}

/** The file's text; undefined (with a diagnostic) when it cannot be read or is not text. */
function readText(file: string, diagnostics: Diagnostic[]): string | undefined {
  try {
    const bytes = readFileSync(file);
    if (bytes.includes(0)) {
      diagnostics.push(
        diagnostic(
          'store/binary-file',
          file,
          'error',
          'not a text file (it contains NUL bytes); expected Markdown',
        ),
      );
      return undefined;
    }
    return bytes.toString('utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    diagnostics.push(
      diagnostic('store/unreadable', file, 'error', `could not read the file (${code})`, {
        cause: err,
      }),
    );
    return undefined;
  }
}

function toRecord(
  text: string,
  file: string,
  name: string,
  options: ImportOptions,
  diagnostics: Diagnostic[],
): PostmortemRecord | undefined {
  const doc = parseDocument(text, {
    source: file,
    ...(options.severityScale ? { severityScale: options.severityScale } : {}),
  });
  const { record, diagnostics: own } = recordFromDocument(doc, name);
  // Warnings are the linter's business; only errors (broken front matter…) stop a file.
  const errors = doc.diagnostics.filter((d) => d.severity === 'error');
  diagnostics.push(...errors, ...own);
  return errors.length > 0 ? undefined : { ...record, path: name };
}
