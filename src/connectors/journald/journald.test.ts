import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LogEvent } from '../../core/event.js';
import { parseCaseConfig } from '../../ingest/case-config.js';
import { openTimeline } from '../../ingest/timeline.js';
import { collectCase, type CollectResult } from '../collect.js';
import { journald } from './index.js';

// 19:30:00.250 to 20:00:00.750 UTC on 2026-11-22: the edges fall inside whole seconds, so the
// rounding outward of --since/--until and the exact filtering after it are both exercised.
const since = Date.parse('2026-11-22T19:30:00.250Z');
const until = Date.parse('2026-11-22T20:00:00.750Z');
const us = (ms: number, extra = 0): string => String(ms * 1000 + extra);

function entry(ts: string, fields: Record<string, unknown>): string {
  return JSON.stringify({
    __CURSOR: `s=6f1d2a3e0b7c4d5e8f9a0b1c2d3e4f50;i=1a2b;b=8c1f0e2d3b4a59687766554433221100;m=${ts.slice(-9)};t=${Number(ts).toString(16)};x=9d8c7b6a5f4e3d2c`,
    __REALTIME_TIMESTAMP: ts,
    __MONOTONIC_TIMESTAMP: '912873364112',
    _BOOT_ID: '8c1f0e2d3b4a59687766554433221100',
    _MACHINE_ID: '2f0c2a94b1e04d0c9a86a2f1e3b4c5d6',
    _HOSTNAME: 'web-1',
    _TRANSPORT: 'stdout',
    SYSLOG_FACILITY: '3',
    _UID: '998',
    _GID: '998',
    _CAP_EFFECTIVE: '0',
    _SYSTEMD_SLICE: 'system.slice',
    ...fields,
  });
}

const api = {
  _SYSTEMD_UNIT: 'shop-api.service',
  _SYSTEMD_CGROUP: '/system.slice/shop-api.service',
  _SYSTEMD_INVOCATION_ID: '4b1e0e3c2f5d4a6b8c9d0e1f2a3b4c5d',
  SYSLOG_IDENTIFIER: 'shop-api',
  _PID: '21877',
  _COMM: 'node',
  _EXE: '/usr/bin/node',
  _CMDLINE: '/usr/bin/node /srv/shop-api/server.js',
  _STREAM_ID: 'f00dcafe12345678f00dcafe12345678',
};

const ENTRIES = [
  // Inside the first whole second journalctl is asked for, but before the window: dropped.
  entry(us(since - 100), { ...api, PRIORITY: '6', MESSAGE: 'before the window' }),
  entry(us(since), { ...api, PRIORITY: '6', MESSAGE: 'listening on :8080' }),
  entry(us(since + 60_000, 123), {
    ...api,
    PRIORITY: '3',
    MESSAGE: 'timed out waiting for a connection from the pool',
  }),
  // A message with a control byte: journalctl writes it as an array of byte values.
  entry(us(since + 120_000), {
    ...api,
    PRIORITY: '4',
    MESSAGE: [...Buffer.from('pool exhausted\u0007 (20/20 in use)', 'utf8')],
  }),
  entry(us(since + 180_000), {
    _SYSTEMD_UNIT: 'init.scope',
    UNIT: 'shop-api.service',
    SYSLOG_IDENTIFIER: 'systemd',
    _PID: '1',
    _COMM: 'systemd',
    _TRANSPORT: 'journal',
    PRIORITY: '3',
    MESSAGE: 'shop-api.service: Main process exited, code=exited, status=1/FAILURE',
    EXIT_CODE: 'exited',
    EXIT_STATUS: '1',
  }),
  entry(us(until, -1), { ...api, PRIORITY: '6', MESSAGE: 'last microsecond of the window' }),
  // At `until` exactly, inside the last whole second asked for: dropped.
  entry(us(until), { ...api, PRIORITY: '6', MESSAGE: 'at the end of the window' }),
];

const EXPECTED_ARGV = [
  'journalctl',
  '-o',
  'json',
  '--utc',
  '--no-pager',
  '--quiet',
  `--since=@${Math.floor(since / 1000)}`,
  `--until=@${Math.ceil(until / 1000)}`,
  '-u',
  'shop-api.service',
  '-u',
  'init.scope',
  '-p',
  'info',
];

let dir: string;

/**
 * Writes a fake executable that fails loudly (exit 64) unless its argv is exactly `expect`, then
 * prints `stdout` (a file), `stderr`, and exits with `code`.
 */
async function fakeExe(
  name: string,
  spec: { expect: string[]; stdout?: string; stderr?: string; code?: number; bigMessage?: number },
): Promise<string> {
  const path = join(dir, name);
  await writeFile(`${path}.json`, JSON.stringify(spec));
  await writeFile(
    path,
    `#!${process.execPath}
const fs = require('fs');
const spec = JSON.parse(fs.readFileSync(__filename + '.json', 'utf8'));
const args = process.argv.slice(2);
if (JSON.stringify(args) !== JSON.stringify(spec.expect)) {
  process.stderr.write('fake ${name}: unexpected argv: ' + JSON.stringify(args) + '\\n');
  process.exit(64);
}
if (spec.stdout) process.stdout.write(fs.readFileSync(spec.stdout));
if (spec.bigMessage) {
  const head = '{"__REALTIME_TIMESTAMP":"' + spec.bigMessage + '","PRIORITY":"3","_SYSTEMD_UNIT":"shop-api.service","MESSAGE":"';
  process.stdout.write(head + 'x'.repeat(50 * 1024 * 1024) + '"}\\n');
}
if (spec.stderr) process.stderr.write(spec.stderr + '\\n');
process.stdout.end(() => process.exit(spec.code || 0));
`,
  );
  await chmod(path, 0o755);
  return path;
}

async function makeCase(name: string, source: string): Promise<{ caseDir: string; yaml: string }> {
  const caseDir = join(dir, `case-${name}`);
  const yaml = `title: test\nsources:\n${source}`;
  await rm(caseDir, { recursive: true, force: true });
  await mkdir(caseDir, { recursive: true });
  await writeFile(join(caseDir, 'aftermath.yaml'), yaml);
  return { caseDir, yaml };
}

async function collect(caseDir: string, yaml: string): Promise<CollectResult> {
  const config = parseCaseConfig(yaml, 'aftermath.yaml');
  return collectCase(caseDir, config.live, {
    window: { since, until },
    connector: (t) => Promise.resolve(t === 'journald' ? (journald as never) : undefined),
  });
}

async function events(caseDir: string): Promise<LogEvent[]> {
  const tl = await openTimeline([caseDir]);
  const out: LogEvent[] = [];
  for await (const batch of tl.events) out.push(...batch);
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aftermath-journald-'));
  await writeFile(
    join(dir, 'journal.out'),
    [
      ENTRIES[0],
      'Pseudo-terminal will not be allocated because stdin is not a terminal.',
      ...ENTRIES.slice(1),
    ].join('\n') + '\n',
  );
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe('journald connector', () => {
  it('runs journalctl for the window and keeps exactly the entries inside it', async () => {
    await fakeExe('journalctl', {
      expect: EXPECTED_ARGV.slice(1),
      stdout: join(dir, 'journal.out'),
    });
    vi.stubEnv('PATH', `${dir}:${process.env.PATH ?? ''}`);
    const { caseDir, yaml } = await makeCase(
      'local',
      '  - name: web-1\n    type: journald\n    units: [shop-api.service, init.scope]\n    priority: info\n',
    );
    const r = await collect(caseDir, yaml);
    vi.unstubAllEnvs();
    expect(r.sources[0]).toMatchObject({ outcome: 'collected', items: 5, gaps: [] });
    const notJson = r.diagnostics.find((d) => d.ruleId === 'collect/journald-not-json');
    expect(notJson?.data).toEqual({ lines: 1, firstLine: 2 });
    const manifest = JSON.parse(await readFile(join(caseDir, 'evidence/manifest.json'), 'utf8'));
    expect(manifest.sources['web-1'].files).toMatchObject([
      { path: 'journal.jsonl', format: 'journald-json', items: 5 },
    ]);
    // The query names what was asked, not the window (the window is recorded beside it).
    expect(manifest.sources['web-1'].query).toBe(
      'journalctl -o json --utc --no-pager --quiet -u shop-api.service -u init.scope -p info',
    );

    const evs = await events(caseDir);
    expect(evs.map((e) => e.message)).toEqual([
      'listening on :8080',
      'timed out waiting for a connection from the pool',
      'pool exhausted\u0007 (20/20 in use)',
      'shop-api.service: Main process exited, code=exited, status=1/FAILURE',
      'last microsecond of the window',
    ]);
    expect(evs.map((e) => e.level)).toEqual(['info', 'error', 'warn', 'error', 'info']);
    expect(evs[0]!.ts).toBe(since);
    expect(evs[4]!.ts).toBeCloseTo(until - 0.001, 6);
    expect(evs[3]!.attrs).toMatchObject({ unit: 'shop-api.service', host: 'web-1', pid: 1 });
    expect(evs.every((e) => e.source === 'web-1' && e.format === 'journald-json')).toBe(true);
  });

  it('runs journalctl through an ssh-style wrapper given as command', async () => {
    const ssh = await fakeExe('ssh', {
      expect: ['-o', 'BatchMode=yes', 'web-1', ...EXPECTED_ARGV.slice(0, 8)],
      stdout: join(dir, 'journal.out'),
    });
    const { caseDir, yaml } = await makeCase(
      'ssh',
      `  - name: web-1\n    type: journald\n    command: [${ssh}, -o, BatchMode=yes, web-1]\n`,
    );
    const r = await collect(caseDir, yaml);
    expect(r.sources[0]).toMatchObject({ outcome: 'collected', items: 5 });
    expect((await events(caseDir)).length).toBe(5);
  });

  it('turns a missing command into a gap naming it', async () => {
    const { caseDir, yaml } = await makeCase(
      'missing',
      `  - name: web-1\n    type: journald\n    command: [${join(dir, 'no-such-ssh')}, web-1]\n`,
    );
    const r = await collect(caseDir, yaml);
    expect(r.sources[0]!.outcome).toBe('failed');
    expect(r.sources[0]!.gaps[0]!.message).toMatch(/no-such-ssh: command not found/);
  });

  it('fails the source on a non-zero exit before any entry, with the last stderr line', async () => {
    const ssh = await fakeExe('ssh-denied', {
      expect: ['web-1', ...EXPECTED_ARGV.slice(0, 8)],
      stderr: 'web-1: Permission denied (publickey).',
      code: 255,
    });
    const { caseDir, yaml } = await makeCase(
      'denied',
      `  - name: web-1\n    type: journald\n    command: [${ssh}, web-1]\n`,
    );
    const r = await collect(caseDir, yaml);
    expect(r.sources[0]!.outcome).toBe('failed');
    expect(r.sources[0]!.gaps[0]!.message).toMatch(
      /exit code 255: web-1: Permission denied \(publickey\)\.$/,
    );
  });

  it('keeps the entries read before a non-zero exit and records the gap', async () => {
    const ssh = await fakeExe('ssh-dropped', {
      expect: ['web-1', ...EXPECTED_ARGV.slice(0, 8)],
      stdout: join(dir, 'journal.out'),
      stderr: 'Connection to web-1 closed by remote host.',
      code: 255,
    });
    const { caseDir, yaml } = await makeCase(
      'dropped',
      `  - name: web-1\n    type: journald\n    command: [${ssh}, web-1]\n`,
    );
    const r = await collect(caseDir, yaml);
    expect(r.sources[0]).toMatchObject({ outcome: 'partial', items: 5 });
    expect(r.sources[0]!.gaps[0]!.message).toMatch(/stopped after 5 entries: .*exit code 255/);
    expect(r.sources[0]!.gaps[0]!.data).toEqual({ entries: 5 });
  });

  it('cuts a 50 MB entry to a bounded size instead of writing it whole', async () => {
    const ssh = await fakeExe('ssh-big', {
      expect: ['web-1', ...EXPECTED_ARGV.slice(0, 8)],
      bigMessage: since * 1000 + 5,
    });
    const { caseDir, yaml } = await makeCase(
      'big',
      `  - name: web-1\n    type: journald\n    command: [${ssh}, web-1]\n`,
    );
    const r = await collect(caseDir, yaml);
    expect(r.sources[0]).toMatchObject({ outcome: 'collected', items: 1 });
    expect(r.diagnostics.some((d) => d.ruleId === 'collect/journald-cut')).toBe(true);
    const text = await readFile(join(caseDir, 'evidence/web-1/journal.jsonl'), 'utf8');
    expect(text.length).toBeLessThan(70 * 1024);
    const [e] = await events(caseDir);
    expect(e!.message).toMatch(/^x{65536}…$/);
    expect(e!.level).toBe('error');
  });

  it('stops at the item limit with exactly that many entries kept', async () => {
    const ssh = await fakeExe('ssh-limit', {
      expect: ['web-1', ...EXPECTED_ARGV.slice(0, 8)],
      stdout: join(dir, 'journal.out'),
    });
    const { caseDir, yaml } = await makeCase(
      'limit',
      `  - name: web-1\n    type: journald\n    limit: 2\n    command: [${ssh}, web-1]\n`,
    );
    const r = await collect(caseDir, yaml);
    expect(r.sources[0]).toMatchObject({ outcome: 'partial', items: 2 });
    expect(r.sources[0]!.gaps[0]!.data).toEqual({ limit: 2 });
    expect((await events(caseDir)).map((e) => e.message)).toEqual([
      'listening on :8080',
      'timed out waiting for a connection from the pool',
    ]);
  });

  it('rejects options it does not know before running anything', async () => {
    const { caseDir, yaml } = await makeCase(
      'typo',
      '  - name: web-1\n    type: journald\n    unit: [shop-api.service]\n',
    );
    await expect(collect(caseDir, yaml)).rejects.toThrow(/web-1.*unrecognized key.*unit/i);
    const bad = await makeCase(
      'bad-priority',
      '  - name: web-1\n    type: journald\n    priority: loud\n',
    );
    await expect(collect(bad.caseDir, bad.yaml)).rejects.toThrow(/priority/);
  });
});
