/**
 * The files of a Slack workspace export, from its folder or straight from the .zip (never
 * unpacked): names are checked so that none leaves the export, and every file read is capped.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Larger than any day of any channel; a bigger entry is a broken or hostile export. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface ExportFiles {
  /** Forward-slash paths relative to the export root. */
  has(name: string): boolean;
  names(): Iterable<string>;
  read(name: string): Promise<string>;
  /** Entries skipped because their names leave the export (`../x`, `/etc/x`). */
  readonly unsafe: string[];
  close(): Promise<void>;
}

/** A name inside the export: relative, no `..` segment, no backslash or drive. */
export function safeName(name: string): boolean {
  if (name === '' || name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name))
    return false;
  return !name.split('/').some((part) => part === '..');
}

export async function openFolder(root: string): Promise<ExportFiles> {
  const names = new Set<string>();
  for (const e of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) names.add(relative(root, join(e.parentPath, e.name)).split(sep).join('/'));
  }
  return {
    has: (n) => names.has(n),
    names: () => names,
    unsafe: [],
    async read(name) {
      if (!safeName(name) || !names.has(name)) throw new Error(`${name}: not in the export`);
      const full = join(root, ...name.split('/'));
      const { size } = await stat(full);
      if (size > MAX_FILE_BYTES)
        throw new Error(`${name}: ${size} bytes, more than the ${MAX_FILE_BYTES} allowed`);
      return readFile(full, 'utf8');
    },
    close: async () => undefined,
  };
}
