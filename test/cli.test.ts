/** End-to-end: the built CLI on the example incident, on pipes, folders, repositories and bad input. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const example = join(root, 'examples/pool-exhaustion');

function run(
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string> } = {},
) {
  const r = spawnSync(process.execPath, [join(root, 'bin/aftermath.js'), ...args], {
    cwd: root,
    input: options.input,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    maxBuffer: 512 * 1024 * 1024,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The rows of `--format jsonl` output. */
function rowsOf(stdout: string): Row[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Row);
}

interface Row {
  ts: string;
  source: string;
  file: string;
  line: number;
  level: string;
  message: string;
  attrs: Record<string, unknown>;
}

describe('aftermath timeline on the example incident', () => {
  const jsonl = run(['timeline', example, '--format', 'jsonl']);
  const rows = rowsOf(jsonl.stdout);

  it('merges every source into one UTC timeline', () => {
    expect(jsonl.code).toBe(0);
    expect(new Set(rows.map((r) => r.source))).toEqual(
      new Set(['nginx', 'nginx-error', 'app', 'postgres', 'alertmanager', 'git']),
    );
    for (const r of rows.slice(0, 50))
      expect(r.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // Every nginx request and app line is there, once.
    expect(rows.filter((r) => r.source === 'nginx').length).toBe(19637);
    expect(rows.filter((r) => r.source === 'app').length).toBe(15613);
    // Each source keeps its own order.
    for (const source of ['nginx', 'app', 'postgres']) {
      const lines = rows.filter((r) => r.source === source).map((r) => r.line);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
    }
  });

  it('puts the first 5xx and the first app error where the ground truth says', () => {
    const first5xx = rows.find((r) => r.source === 'nginx' && Number(r.attrs.status) >= 500)!;
    expect(first5xx).toMatchObject({
      ts: '2026-11-22T19:40:42.000Z',
      line: 7477,
      file: expect.stringContaining('nginx/access.log'),
    });
    expect(first5xx.attrs.requestId).toBe('1a03c78ffb181927ad29bf536d0fb33e');
    const firstAppError = rows.find((r) => r.source === 'app' && r.level === 'error')!;
    expect(firstAppError).toMatchObject({ ts: '2026-11-22T19:40:42.584Z', line: 5930 });
  });

  it('writes the same bytes with worker threads as without', () => {
    const threaded = run(['timeline', example, '--format', 'jsonl'], {
      env: { AFTERMATH_THREADS: '2' },
    });
    const single = run(['timeline', example, '--format', 'jsonl'], {
      env: { AFTERMATH_THREADS: '1' },
    });
    expect(threaded.stdout).toBe(single.stdout);
    expect(threaded.stdout).toBe(jsonl.stdout);
  });

  it('filters by time window, level, grep and source', () => {
    const window = run([
      'timeline',
      example,
      '--since',
      '2026-11-22 19:40:42',
      '--until',
      '2026-11-22T19:40:43Z',
      '--format',
      'jsonl',
      '--source',
      'nginx',
    ]);
    const w = rowsOf(window.stdout);
    expect(w.length).toBeGreaterThan(10);
    expect(w.every((r) => r.ts.startsWith('2026-11-22T19:40:42') && r.source === 'nginx')).toBe(
      true,
    );
    const errors = run([
      'timeline',
      example,
      '--level',
      'error',
      '--grep',
      'too many clients',
      '--count',
      '--json',
    ]);
    const counts = JSON.parse(errors.stdout) as { events: number };
    // app "request failed" lines and PostgreSQL FATAL lines name it
    expect(counts.events).toBeGreaterThanOrEqual(605);
  });

  it('prints csv, md and table', () => {
    const csv = run(['timeline', example, '--format', 'csv', '--limit', '3']);
    expect(csv.stdout.split('\n')[0]).toBe('ts,source,file,line,level,message');
    expect(csv.stdout.trimEnd().split('\n').length).toBe(4);
    const md = run(['timeline', example, '--format', 'md', '--level', 'error', '--limit', '2']);
    expect(md.stdout).toMatch(/^\| Time \(UTC\) \| Source/);
    expect(md.stdout).toMatch(/`.*:\d+`/);
    const table = run(['timeline', example, '--limit', '5']);
    expect(table.stdout.trimEnd().split('\n').length).toBe(5);
  });
});

describe('aftermath sources', () => {
  it('detects each format and reports lines, times and zones', () => {
    const r = run(['sources', example, '--json']);
    expect(r.code).toBe(0);
    const { sources } = JSON.parse(r.stdout) as {
      sources: {
        source: string;
        format: string;
        lines: number;
        unparsed: number;
        firstTs: string;
        zoneReason: string;
      }[];
    };
    const by = Object.fromEntries(sources.map((s) => [s.source, s]));
    expect(by.nginx).toMatchObject({
      format: 'access',
      lines: 19637,
      unparsed: 0,
      firstTs: '2026-11-22T19:37:36.000Z',
    });
    expect(by.app).toMatchObject({ format: 'json', lines: 15613, unparsed: 0 });
    expect(by.postgres).toMatchObject({ format: 'postgres', lines: 13420, unparsed: 0 });
    expect(by['nginx-error']).toMatchObject({ format: 'nginx-error', lines: 62 });
    expect(by['nginx-error']!.zoneReason).toContain('UTC');
    expect(by.alertmanager!.format).toBe('alertmanager');
    expect(by.git!.format).toBe('git-log');
    const table = run(['sources', example]);
    expect(table.stdout).toMatch(/^SOURCE\s+FORMAT\s+LINES/);
  });
});

describe('inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aftermath-cli-'));
  const access = (s: number, status = 200) =>
    `10.0.0.1 - - [22/Nov/2026:19:40:${String(s).padStart(2, '0')} +0000] "GET /x HTTP/1.1" ${status} 1 "-" "-"`;

  it('reads stdin with -, beside files, also when threads are asked for', () => {
    const r = run(['timeline', '-', '--count', '--json'], {
      input: [access(1), access(2)].join('\n') + '\n',
    });
    expect(JSON.parse(r.stdout)).toMatchObject({ events: 2, sources: 1 });
    const file = join(dir, 'beside-stdin.log');
    writeFileSync(file, access(3) + '\n');
    const both = run(['timeline', '-', file, '--format', 'jsonl'], {
      input: access(1) + '\n',
      env: { AFTERMATH_THREADS: '2' },
    });
    const sources = rowsOf(both.stdout).map((r) => r.source);
    expect(sources[0]).toBe('stdin');
    expect(sources[1]).toMatch(/beside-stdin\.log$/);
    expect(sources.length).toBe(2);
  });

  it('walks a folder: logs, gzip, a binary file and a config file', () => {
    const d = join(dir, 'walk');
    mkdirSync(join(d, 'nginx'), { recursive: true });
    writeFileSync(join(d, 'nginx/access.log'), access(1) + '\n');
    writeFileSync(join(d, 'nginx/access.log.1.gz'), gzipSync(access(0) + '\n'));
    writeFileSync(
      join(d, 'app.log'),
      '{"level":"error","time":"2026-11-22T19:40:00.500Z","msg":"boom"}\n',
    );
    writeFileSync(
      join(d, 'core'),
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    );
    writeFileSync(join(d, 'settings.conf'), 'worker_processes 4;\nuser www-data;\n');
    const r = run(['timeline', d, '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const rows = rowsOf(r.stdout);
    // The rotated file is the same log: one source, each row naming its own file.
    expect(rows.map((x) => [x.source, x.ts, String(x.file).slice(d.length + 1)])).toEqual([
      ['nginx/access.log', '2026-11-22T19:40:00.000Z', 'nginx/access.log.1.gz'],
      ['app.log', '2026-11-22T19:40:00.500Z', 'app.log'],
      ['nginx/access.log', '2026-11-22T19:40:01.000Z', 'nginx/access.log'],
    ]);
    expect(r.stderr).toContain('core');
    expect(r.stderr).toContain('binary');
  });

  it('places dmesg uptime with the boot time from the case file, and warns without it', () => {
    const d = join(dir, 'dmesg-case');
    mkdirSync(d, { recursive: true });
    writeFileSync(
      join(d, 'dmesg.log'),
      '[    0.000000] Linux version 6.1.0-27-amd64\n[ 8123.482910] Out of memory: Killed process 21877 (java) total-vm:8123456kB, anon-rss:4194304kB, file-rss:0kB, shmem-rss:0kB, UID:1001 pgtables:9000kB oom_score_adj:0\n',
    );
    writeFileSync(
      join(d, 'aftermath.yaml'),
      'sources:\n  - name: kernel\n    path: dmesg.log\n    boot_time: "2026-11-22T17:25:00Z"\n',
    );
    const r = run(['timeline', d, '--format', 'jsonl']);
    const rows = rowsOf(r.stdout);
    expect(rows.map((x) => x.ts)).toEqual(['2026-11-22T17:25:00.000Z', '2026-11-22T19:40:23.482Z']);
    expect(rows[1]!.attrs).toMatchObject({ killedPid: 21877, killedProcess: 'java' });
    expect(r.stderr).not.toContain('uptime-clock');
    const bare = run(['timeline', join(d, 'dmesg.log'), '--count']);
    expect(bare.stderr).toContain('ingest/uptime-clock');
    writeFileSync(
      join(d, 'aftermath.yaml'),
      'sources:\n  - path: dmesg.log\n    boot_time: "last tuesday"\n',
    );
    const bad = run(['timeline', d]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/boot_time: cannot read "last tuesday"/);
  });

  it('reads a git repository as change events', () => {
    const repo = join(dir, 'repo');
    mkdirSync(repo);
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repo, ...args], {
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'Ana',
          GIT_AUTHOR_EMAIL: 'ana@example.com',
          GIT_COMMITTER_NAME: 'Ana',
          GIT_COMMITTER_EMAIL: 'ana@example.com',
        },
      });
    git('init', '-q');
    writeFileSync(join(repo, 'a.txt'), '1');
    git('add', '.');
    execFileSync('git', ['-C', repo, 'commit', '-qm', 'first change'], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Ana',
        GIT_AUTHOR_EMAIL: 'ana@example.com',
        GIT_COMMITTER_NAME: 'Ana',
        GIT_COMMITTER_EMAIL: 'ana@example.com',
        GIT_AUTHOR_DATE: '2026-11-22T21:40:06+02:00',
        GIT_COMMITTER_DATE: '2026-11-22T21:40:06+02:00',
      },
    });
    writeFileSync(join(repo, 'a.txt'), '2');
    execFileSync('git', ['-C', repo, 'commit', '-qam', 'second change'], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Bo',
        GIT_AUTHOR_EMAIL: 'bo@example.com',
        GIT_COMMITTER_NAME: 'Bo',
        GIT_COMMITTER_EMAIL: 'bo@example.com',
        GIT_AUTHOR_DATE: '2026-11-22T19:42:49Z',
        GIT_COMMITTER_DATE: '2026-11-22T19:42:49Z',
      },
    });
    const r = run(['timeline', repo, '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows.map((x) => [x.ts, x.message])).toEqual([
      ['2026-11-22T19:40:06.000Z', 'first change'],
      ['2026-11-22T19:42:49.000Z', 'second change'],
    ]);
    expect(rows[1]!.attrs.author).toBe('Bo');
  });

  it('exits 1 with the name of what could not be read', () => {
    const r = run(['timeline', join(dir, 'missing.log')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing.log');
    expect(r.stderr.trim().split('\n').length).toBe(1);
  });

  it('exits 2 on a usage error, with one line saying what was expected', () => {
    const r = run(['timeline', example, '--since', 'next tuesday-ish']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^aftermath: --since: cannot read "next tuesday-ish"/);
    expect(run(['timeline', example, '--format', 'yaml']).code).toBe(2);
    expect(run(['timeline', example, '--tz', 'Mars/Base']).code).toBe(2);
    expect(run(['nonsense']).code).toBe(2);
  });

  it('has help with examples', () => {
    const r = run(['timeline', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--since');
  });

  it('stops quietly when the reader of its output goes away', () => {
    const r = spawnSync(
      'bash',
      ['-c', `node bin/aftermath.js timeline ${example} --format jsonl | head -n 3`],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n').length).toBe(3);
    expect(r.stderr).not.toContain('EPIPE');
  });

  it('stops quietly when help is piped to head', () => {
    for (const args of ['--help', 'analyze --help']) {
      const r = spawnSync('bash', ['-c', `node bin/aftermath.js ${args} | head -n 1`], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(r.stdout).toMatch(/^Usage: aftermath/);
      expect(r.stderr).not.toContain('EPIPE');
    }
  });
});

describe('demo', () => {
  it('prints the sources and the merged timeline of the example', () => {
    const r = run(['demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SOURCES');
    expect(r.stdout).toContain('MERGED TIMELINE (UTC)');
    expect(r.stdout).toMatch(
      /^prometheus-pool +6 series +\d+ samples +\S+db_pool_connections\.json$/m,
    );
    expect(r.stdout).toContain('What happened (UTC)');
    const drafted = /drafted from this evidence: (.+)\n/.exec(r.stdout)?.[1];
    expect(drafted && readFileSync(drafted, 'utf8')).toContain('## Timeline');
    const report = /needs no network\): (.+)\n/.exec(r.stdout)?.[1];
    expect(report && readFileSync(report, 'utf8')).toMatch(/^<!doctype html>/i);
    expect(r.stdout).toContain('LINT (what is left for people to write)');
  });
});
