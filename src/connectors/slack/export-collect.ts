/**
 * Export mode: a workspace export (folder or .zip) converted into the same snapshot as API mode:
 * `channels.json` (and `groups.json`, `mpims.json`, `dms.json`) name the channels, `users.json`
 * the people, and `<channel>/<YYYY-MM-DD>.json` hold each day's messages.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { diagnostic } from '../../core/diagnostic.js';
import { ConfigError } from '../../errors.js';
import type { CollectContext } from '../connector.js';
import { SortedSink } from '../traces/sorted-sink.js';
import { openFolder, type ExportFiles } from './export-files.js';
import { openZip } from './export-zip.js';
import type { Names } from './markup.js';
import { messageRecord, tsMicros, type SlackMessage } from './message.js';

export interface ExportOptions {
  export: string;
  channel?: string | undefined;
  workspace?: string | undefined;
}

interface Channel {
  id: string;
  /** The folder its days are in: the name, or the id for direct messages. */
  folder: string;
  name: string;
}

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;
const DAY_MS = 86_400_000;

/** Opens an export folder or zip; a missing path is a ConfigError naming it. */
export async function openExport(path: string): Promise<ExportFiles> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new ConfigError(
      `slack export: ${path} does not exist; expected an export folder or .zip`,
    );
  }
  return info.isDirectory() ? openFolder(path) : openZip(path);
}

async function readJson(ctx: CollectContext, files: ExportFiles, name: string): Promise<unknown> {
  if (!files.has(name)) return undefined;
  try {
    return JSON.parse(await files.read(name)) as unknown;
  } catch (err) {
    ctx.report(
      diagnostic(
        'collect/slack-export-file',
        name,
        'warning',
        `slack export ${name}: ${(err as Error).message}; skipped`,
      ),
    );
    return undefined;
  }
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? (value.filter((v) => typeof v === 'object' && v !== null) as Record<string, unknown>[])
    : [];
}

async function channelsOf(ctx: CollectContext, files: ExportFiles): Promise<Channel[]> {
  if (!files.has('channels.json') && !files.has('dms.json') && !files.has('groups.json')) {
    throw new ConfigError(
      'slack export: no channels.json at its root; expected a Slack workspace export',
    );
  }
  const out: Channel[] = [];
  for (const file of ['channels.json', 'groups.json', 'mpims.json']) {
    for (const c of list(await readJson(ctx, files, file))) {
      if (typeof c.id === 'string' && typeof c.name === 'string')
        out.push({ id: c.id, folder: c.name, name: c.name });
    }
  }
  for (const c of list(await readJson(ctx, files, 'dms.json'))) {
    if (typeof c.id === 'string') out.push({ id: c.id, folder: c.id, name: c.id });
  }
  return out;
}

async function usersOf(ctx: CollectContext, files: ExportFiles): Promise<Map<string, string>> {
  const users = new Map<string, string>();
  for (const u of list(await readJson(ctx, files, 'users.json'))) {
    const p = (u.profile ?? {}) as Record<string, unknown>;
    const name = [p.display_name, p.real_name, u.real_name, u.name].find(
      (x): x is string => typeof x === 'string' && x !== '',
    );
    if (typeof u.id === 'string' && name) users.set(u.id, name);
  }
  return users;
}

/** The day files of a channel that may hold messages of the window (a day either side: zones). */
function dayFiles(files: ExportFiles, folder: string, since: number, until: number): string[] {
  const out: string[] = [];
  const prefix = `${folder}/`;
  for (const name of files.names()) {
    if (!name.startsWith(prefix)) continue;
    const day = DAY_FILE.exec(name.slice(prefix.length));
    if (!day) continue;
    const t = Date.parse(`${day[1]}T00:00:00Z`);
    if (t >= since - 2 * DAY_MS && t < until + DAY_MS) out.push(name);
  }
  return out.sort();
}

export async function collectFromExport(ctx: CollectContext, o: ExportOptions): Promise<void> {
  const files = await openExport(resolve(ctx.caseDir, o.export));
  try {
    for (const name of files.unsafe) {
      ctx.report(
        diagnostic(
          'collect/slack-export-unsafe',
          o.export,
          'warning',
          `slack export: entry "${name}" leaves the export; skipped`,
        ),
      );
    }
    let channels = await channelsOf(ctx, files);
    if (o.channel) {
      const want = o.channel.replace(/^#/, '');
      channels = channels.filter((c) => c.name === want || c.id === want);
      if (channels.length === 0) {
        ctx.gap(`channel ${o.channel} is not in the export`, { channel: o.channel });
        return;
      }
    }
    const users = await usersOf(ctx, files);
    const byId = new Map(channels.map((c) => [c.id, c.name]));
    const names: Names = { user: (id) => users.get(id), channel: (id) => byId.get(id) };
    const { since, until } = ctx.window;
    let total = 0;
    for (const c of channels) {
      // Folder names come from channels.json: one that leaves the export is never read.
      if (c.folder.includes('/') || c.folder === '..' || c.folder === '.') continue;
      const sink = new SortedSink(
        ctx,
        channels.length === 1 ? 'messages.jsonl' : `${c.folder}.jsonl`,
      );
      try {
        for (const day of dayFiles(files, c.folder, since, until)) {
          ctx.signal.throwIfAborted();
          const messages = await readJson(ctx, files, day);
          if (!Array.isArray(messages)) continue;
          for (const m of messages as SlackMessage[]) {
            const us = tsMicros(m?.ts);
            if (us === undefined || us < since * 1000 || us >= until * 1000) continue;
            const r = messageRecord(m, names, {
              channelId: c.id,
              channelName: c.name,
              ...(o.workspace ? { workspace: o.workspace } : {}),
            });
            if (r && sink.add(r.us, r.record, m.ts, false)) ctx.progress(++total);
          }
        }
      } finally {
        await sink.write();
      }
    }
  } finally {
    await files.close();
  }
}
