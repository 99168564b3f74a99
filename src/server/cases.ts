/** The cases a server shows: folders with an `aftermath.yaml` under the served folder, and their postmortems. */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

export interface ServedCase {
  /** URL-safe and unique among the served cases. */
  id: string;
  dir: string;
  /** Postmortem Markdown files in the case folder (names, not paths). */
  docs: string[];
}

const CASE_FILE = 'aftermath.yaml';
/** Deep enough for `incidents/2026/<case>`, shallow enough that serving `~` stays quick. */
const MAX_DEPTH = 3;
const SKIP = new Set(['node_modules', '.git', 'dist']);
/** A README describes the case; it is not a postmortem. */
const NOT_POSTMORTEMS = new Set(['readme.md', 'changelog.md']);

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function caseDirs(dir: string, depth: number, out: string[]): Promise<void> {
  if (await isFile(join(dir, CASE_FILE))) {
    out.push(dir);
    return;
  }
  if (depth >= MAX_DEPTH) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name)))
    if (e.isDirectory() && !e.name.startsWith('.') && !SKIP.has(e.name))
      await caseDirs(join(dir, e.name), depth + 1, out);
}

export async function postmortemFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter(
      (e) => e.isFile() && e.name.endsWith('.md') && !NOT_POSTMORTEMS.has(e.name.toLowerCase()),
    )
    .map((e) => e.name)
    .sort();
}

function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'case';
}

/**
 * @example
 * const cases = await findCases('examples'); // [{ id: 'pool-exhaustion', dir: '/…/examples/pool-exhaustion', docs: [] }]
 */
export async function findCases(root: string): Promise<ServedCase[]> {
  const dirs: string[] = [];
  await caseDirs(resolve(root), 0, dirs);
  const seen = new Set<string>();
  const cases: ServedCase[] = [];
  for (const dir of dirs) {
    let id = slug(basename(dir));
    for (let n = 2; seen.has(id); n++) id = `${slug(basename(dir))}-${n}`;
    seen.add(id);
    cases.push({ id, dir, docs: await postmortemFiles(dir) });
  }
  return cases;
}
