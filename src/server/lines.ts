/** Drill-down: the raw lines around one evidence line, streamed (a log is never read whole). */
import { createReadStream } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

export const MAX_CONTEXT = 200;
/** Lines are cut here: one minified JSON line must not make a response megabytes long. */
const MAX_LINE_CHARS = 4000;

export interface RawLine {
  line: number;
  text: string;
  truncated?: boolean;
}

/** Why a file was refused: outside the case (403) or not one of its evidence files (404). */
export type FileCheck =
  { ok: true; path: string } | { ok: false; status: 403 | 404; error: string };

/**
 * Resolves `file` (relative to the case folder) and accepts it only when it is inside the case
 * folder and is one of the files the case's sources read, after symlinks are followed.
 */
export async function checkEvidenceFile(
  caseDir: string,
  file: string,
  allowed: ReadonlySet<string>,
): Promise<FileCheck> {
  const root = await realpath(caseDir);
  if (file.includes('\0') || isAbsolute(file))
    return { ok: false, status: 403, error: 'file must be a path inside the case folder' };
  const inside = (p: string): boolean => {
    const rel = relative(root, p);
    return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
  };
  const wanted = resolve(root, file);
  if (!inside(wanted))
    return { ok: false, status: 403, error: 'file must be a path inside the case folder' };
  let path: string;
  try {
    path = await realpath(wanted);
  } catch {
    return { ok: false, status: 404, error: 'no such evidence file in this case' };
  }
  if (!inside(path))
    return { ok: false, status: 403, error: 'file must be a path inside the case folder' };
  if (!allowed.has(path))
    return { ok: false, status: 404, error: "not one of this case's evidence files" };
  return { ok: true, path };
}

/** Lines `line - context` .. `line + context` (1-based), stopping the read as soon as they are in. */
export async function readLinesAround(
  path: string,
  line: number,
  context: number,
): Promise<RawLine[]> {
  const from = Math.max(1, line - context);
  const to = line + context;
  const raw = createReadStream(path);
  const input: Readable = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const reader = createInterface({ input, crlfDelay: Infinity });
  const out: RawLine[] = [];
  let n = 0;
  try {
    for await (const text of reader) {
      n++;
      if (n < from) continue;
      if (n > to) break;
      out.push(
        text.length > MAX_LINE_CHARS
          ? { line: n, text: text.slice(0, MAX_LINE_CHARS), truncated: true }
          : { line: n, text },
      );
    }
  } finally {
    reader.close();
    raw.destroy();
    input.destroy();
  }
  return out;
}
