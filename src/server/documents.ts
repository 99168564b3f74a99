/** Postmortem files on disk, versioned by content hash so a save never overwrites an edit unseen. */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { findingRows } from '../lint/finding-rows.js';

export interface ApiFinding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  url?: string;
}

export function versionOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function findingsOf(text: string, source: string): ApiFinding[] {
  return findingRows(text, source);
}

export async function readDocument(path: string): Promise<{ text: string; version: string }> {
  const text = await readFile(path, 'utf8');
  return { text, version: versionOf(text) };
}

export type SaveResult = { ok: true; version: string } | { ok: false; current: string };

/** Saves are serialised per file: the version check and the rename must not interleave. */
const queues = new Map<string, Promise<unknown>>();

function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/**
 * Writes `text` when the file still has version `expected` (temp file + rename, so a reader sees
 * the old text or the new, never half); otherwise reports the version it has now.
 */
export function saveDocument(path: string, text: string, expected: string): Promise<SaveResult> {
  return serialised(path, async () => {
    const current = versionOf(await readFile(path, 'utf8'));
    if (current !== expected) return { ok: false, current };
    const tmp = `${path}.aftermath-tmp-${process.pid}-${Date.now()}`;
    try {
      await writeFile(tmp, text);
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { ok: true, version: versionOf(text) };
  });
}
