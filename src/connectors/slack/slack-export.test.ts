import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseCaseConfig } from '../../ingest/case-config.js';
import { openTimeline } from '../../ingest/timeline.js';
import { collectCase } from '../collect.js';
import { safeName } from './export-files.js';
import { slack } from './index.js';

const since = Date.parse('2026-11-22T23:30:00Z');
const until = Date.parse('2026-11-23T00:30:00Z'); // crosses midnight: two day files
const window = { since, until };
const sec = (ms: number): string => `${Math.floor(ms / 1000)}.000200`;

/** A workspace export as Slack writes it: channels.json, users.json, <channel>/<day>.json. */
function exportFiles(): Record<string, string> {
  const msg = (ms: number, user: string, text: string, extra: object = {}) => ({
    type: 'message',
    user,
    text,
    ts: sec(ms),
    ...extra,
  });
  return {
    'channels.json': JSON.stringify([
      { id: 'C0INC1', name: 'incident-7' },
      { id: 'C0GEN1', name: 'general' },
    ]),
    'users.json': JSON.stringify([
      { id: 'U1', name: 'jane', real_name: 'Jane Doe', profile: { display_name: 'jane.d' } },
      { id: 'U2', name: 'omar', profile: { real_name: 'Omar K' } },
    ]),
    'incident-7/2026-11-22.json': JSON.stringify([
      msg(since - 60_000, 'U1', 'before the window'),
      msg(since + 60_000, 'U1', 'declaring an incident, cc <@U2>', {
        thread_ts: sec(since + 60_000),
        reply_count: 1,
      }),
      msg(since + 120_000, 'U2', 'looking', { thread_ts: sec(since + 60_000) }),
    ]),
    'incident-7/2026-11-23.json': JSON.stringify([
      msg(since + 45 * 60_000, 'U2', 'rolled back <https://deploy.example/42>'),
      msg(until, 'U1', 'at the end of the window'),
    ]),
    'incident-7/2026-11-25.json': JSON.stringify([msg(until + 2 * 86_400_000, 'U1', 'later')]),
    'general/2026-11-22.json': JSON.stringify([msg(since + 5 * 60_000, 'U2', 'is the site down?')]),
    'general/2026-11-23.json': '[{"type":"message", "ts": "broken',
  };
}

async function writeExport(root: string): Promise<void> {
  for (const [name, text] of Object.entries(exportFiles())) {
    await mkdir(join(root, name, '..'), { recursive: true });
    await writeFile(join(root, name), text);
  }
}

// CRC-32 (IEEE) for the stored zip below.
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip with stored (uncompressed) entries, names as given, even hostile ones. */
function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBuf = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('slack (workspace export)', () => {
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftermath-slack-export-'));
    await writeExport(join(dir, 'export'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(extra: Record<string, unknown>) {
    const caseDir = join(dir, `case-${++n}`);
    await mkdir(caseDir);
    await writeFile(
      join(caseDir, 'aftermath.yaml'),
      stringify({ sources: [{ name: 'chat', type: 'slack', ...extra }] }),
    );
    const config = parseCaseConfig(
      await readFile(join(caseDir, 'aftermath.yaml'), 'utf8'),
      'aftermath.yaml',
    );
    const result = await collectCase(caseDir, config.live, {
      window,
      env: {},
      connector: async () => slack as never,
    });
    const read = async (name: string) =>
      (await readFile(join(caseDir, 'evidence', 'chat', name), 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    return { caseDir, result, read };
  }

  it('converts one channel of an export folder across day files, in the window only', async () => {
    const { result, read } = await run({
      export: join(dir, 'export'),
      channel: '#incident-7',
      workspace: 'acme',
    });
    expect(result.sources[0]!.outcome).toBe('collected');
    const lines = await read('messages.jsonl');
    expect(lines.map((l) => l.msg)).toEqual([
      'jane.d: declaring an incident, cc @Omar K',
      'Omar K: looking',
      'Omar K: rolled back https://deploy.example/42',
    ]);
    expect(lines[1]).toMatchObject({
      kind: 'chat',
      channel: 'incident-7',
      channel_id: 'C0INC1',
      permalink: `https://acme.slack.com/archives/C0INC1/p${sec(since + 120_000).replace('.', '')}?thread_ts=${sec(since + 60_000)}&cid=C0INC1`,
    });
  });

  it('takes every channel when none is named, one file each, and reports an unreadable day file', async () => {
    const { result, read, caseDir } = await run({ export: join(dir, 'export') });
    expect(result.sources[0]!.files).toBe(2);
    expect(await read('incident-7.jsonl')).toHaveLength(3);
    expect((await read('general.jsonl')).map((l) => l.msg)).toEqual(['Omar K: is the site down?']);
    expect(result.diagnostics.map((d) => d.ruleId)).toContain('collect/slack-export-file');
    const tl = await openTimeline([caseDir]);
    const events = [];
    for await (const batch of tl.events) events.push(...batch);
    expect(events.map((e) => e.source)).toEqual([
      'chat/incident-7',
      'chat/incident-7',
      'chat/general',
      'chat/incident-7',
    ]);
    expect(events[0]!.attrs.author).toBe('jane.d');
  });

  it('reads the same export from a zip made by zip(1)', async (t) => {
    if (!existsSync('/usr/bin/zip')) return t.skip('/usr/bin/zip is not installed');
    const zip = join(dir, 'export.zip');
    execFileSync('/usr/bin/zip', ['-q', '-r', zip, '.'], { cwd: join(dir, 'export') });
    const { read } = await run({ export: zip, channel: 'C0INC1' });
    expect(await read('messages.jsonl')).toHaveLength(3);
  });

  it('skips zip entries whose names leave the export and reads the rest', async () => {
    const files = exportFiles();
    const zip = join(dir, 'hostile.zip');
    await writeFile(
      zip,
      storedZip({
        ...files,
        '../escape.json': '[]',
        '/etc/passwd': 'x',
        'incident-7/../../up.json': '[]',
      }),
    );
    const { result, read } = await run({ export: zip, channel: 'incident-7' });
    expect(await read('messages.jsonl')).toHaveLength(3);
    const unsafe = result.diagnostics.filter((d) => d.ruleId === 'collect/slack-export-unsafe');
    expect(unsafe).toHaveLength(3);
  });

  it('names what is wrong: a missing export, a folder that is not an export, an unknown channel', async () => {
    const missing = await run({ export: join(dir, 'nope') });
    expect(missing.result.sources[0]!.outcome).toBe('failed');
    expect(missing.result.sources[0]!.gaps[0]!.message).toMatch(/does not exist/);
    await mkdir(join(dir, 'empty'));
    const empty = await run({ export: join(dir, 'empty') });
    expect(empty.result.sources[0]!.gaps[0]!.message).toMatch(/no channels\.json/);
    const unknown = await run({ export: join(dir, 'export'), channel: 'war-room' });
    expect(unknown.result.sources[0]!.gaps[0]!.data).toEqual({ channel: 'war-room' });
  });

  it('accepts only names inside the export', () => {
    expect(safeName('incident-7/2026-11-22.json')).toBe(true);
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\..\\x', ''])
      expect(safeName(bad)).toBe(false);
  });
});
