/** `aftermath archive` through the CLI entry: add (idempotent, failures reported, exit codes), list, show, search, export. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleMarkdown } from '../../store/conformance-samples.js';
import { main } from '../main.js';

let dir: string;
let db: string;
let stdout: string[];
let stderr: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aftermath-archive-cli-'));
  db = join(dir, 'archive.db');
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout.push(String(s));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr.push(String(s));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string): string => {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
};

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  stdout.length = 0;
  stderr.length = 0;
  const code = await main(['archive', ...args, '--db', db]);
  return { code, out: stdout.join(''), err: stderr.join('') };
}

describe('aftermath archive', () => {
  it('adds a folder, then skips what did not change and updates what did', async () => {
    for (const n of [1, 2, 3]) write(`pms/pm-${n}.md`, sampleMarkdown(n, { day: `2026-01-0${n}` }));
    expect(await run('add', join(dir, 'pms'))).toMatchObject({
      code: 0,
      err: 'added 3, updated 0, unchanged 0, failed 0\n',
    });
    write('pms/pm-2.md', sampleMarkdown(2, { day: '2026-01-02', title: 'Renamed' }));
    const again = await run('add', join(dir, 'pms'), '--json');
    expect(again.err).toBe('added 0, updated 1, unchanged 2, failed 0\n');
    expect(JSON.parse(again.out)).toEqual([
      expect.objectContaining({ id: 'PM-0001', outcome: 'unchanged' }),
      expect.objectContaining({ id: 'PM-0002', outcome: 'updated' }),
      expect.objectContaining({ id: 'PM-0003', outcome: 'unchanged' }),
    ]);
  });

  it('reports a file that fails to parse, archives the others and exits 1', async () => {
    write('pms/good.md', sampleMarkdown(1));
    write('pms/broken.md', '---\nid: [unclosed\n---\n# Broken\n');
    write('pms/binary.md', 'a\u0000b');
    const r = await run('add', join(dir, 'pms'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('added 1, updated 0, unchanged 0, failed 2');
    expect(r.err).toMatch(/broken\.md:\d+:\d+ error .*\(document\/bad-front-matter\)/);
    expect(r.err).toMatch(/binary\.md error not a text file .*\(store\/binary-file\)/);
    expect((await run('list', '--json')).out).toContain('PM-0001');
  });

  it('fails with a usage error on a path that does not exist', async () => {
    const r = await run('add', join(dir, 'missing'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^aftermath: archive add: expected a Markdown file or a folder, ".*missing" does not exist\n$/,
    );
  });

  it('lists with filters, shows one, searches with snippets and exports', async () => {
    write('a.md', sampleMarkdown(1, { day: '2026-01-05', status: 'draft', services: ['search'] }));
    write('b.md', sampleMarkdown(2, { day: '2026-01-09', keyword: 'when the replica lagged' }));
    await run('add', join(dir, 'a.md'), join(dir, 'b.md'));
    const list = await run('list');
    expect(
      list.out
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['2026-01-09', '2026-01-05']);
    expect(list.out).toContain('PM-0002  Checkout latency incident 2');
    expect(
      JSON.parse((await run('list', '--status', 'draft', '--json')).out).map(
        (p: { id: string }) => p.id,
      ),
    ).toEqual(['PM-0001']);
    expect(JSON.parse((await run('list', '--service', 'payments', '--json')).out)).toHaveLength(1);
    expect(JSON.parse((await run('list', '--since', '2026-01-07', '--json')).out)).toHaveLength(1);
    expect((await run('list', '--limit', 'x')).code).toBe(2);

    const show = await run('show', 'PM-0002');
    expect(show.code).toBe(0);
    expect(show.out).toContain('Checkout latency incident 2');
    expect(show.out).toMatch(
      /A1 +open +Alert on pool saturation above 80% +\(@alice, 2026-01-09, acme\/shop#2\)/,
    );
    expect(JSON.parse((await run('show', 'PM-0002', '--json')).out)).toMatchObject({
      id: 'PM-0002',
      version: 1,
    });
    expect(await run('show', 'PM-9')).toMatchObject({
      code: 1,
      err: expect.stringContaining('no postmortem with id "PM-9"'),
    });

    const search = await run('search', 'replica lagged');
    expect(search.out).toMatch(/^PM-0002 {2}Checkout latency incident 2\n {4}.*«replica» «lagged»/);
    expect(JSON.parse((await run('search', 'zebra', '--json')).out)).toEqual([]);

    const out = join(dir, 'export.ndjson');
    expect((await run('export', '-o', out)).err).toContain(`exported 2 postmortem(s) to ${out}\n`);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    expect(lines.map((l) => l.id).sort()).toEqual(['PM-0001', 'PM-0002']);
    const json = JSON.parse((await run('export', '--json')).out) as unknown[];
    expect(json).toHaveLength(2);
    expect((await run('export', '--json', '--ndjson')).code).toBe(2);
  });

  it('uses AFTERMATH_DB when --db is not given', async () => {
    write('a.md', sampleMarkdown(1));
    const before = process.env.AFTERMATH_DB;
    process.env.AFTERMATH_DB = join(dir, 'from-env.db');
    try {
      expect(await main(['archive', 'add', join(dir, 'a.md')])).toBe(0);
      expect(await main(['archive', 'show', 'PM-0001', '--db', join(dir, 'from-env.db')])).toBe(0);
    } finally {
      if (before === undefined) delete process.env.AFTERMATH_DB;
      else process.env.AFTERMATH_DB = before;
    }
  });

  it('has help with examples', async () => {
    stdout.length = 0;
    expect(await main(['archive', '--help'])).toBe(0);
    expect(stdout.join('')).toContain('aftermath archive search "connection pool"');
  });
});
