/** End-to-end: `aftermath templates` from the built CLI, on small fixtures and (when present) Loghub. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const fixtures = 'test/fixtures/templates';
const app = `${fixtures}/app.log`;
const db = `${fixtures}/db.log`;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/aftermath.js'), 'templates', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface TemplateJson {
  id: number;
  template: string;
  count: number;
  firstTs: string | null;
  lastTs: string | null;
  first: { file: string; line: number } | null;
  examples: { file: string; line: number }[];
}

interface Doc {
  sources: {
    source: string;
    format: string;
    events: number;
    templateCount: number;
    templates: TemplateJson[];
    overflow: { count: number };
  }[];
  diagnostics: { ruleId: string }[];
}

interface PerLine {
  source: string;
  file: string;
  line: number;
  templateId: number;
  template: string;
}

const perLine = (stdout: string): PerLine[] =>
  stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as PerLine);

describe('aftermath templates', () => {
  it('prints a table per source, most frequent first', () => {
    const r = run([app, db]);
    expect(r.code).toBe(0);
    const [appPart, dbPart] = r.stdout.split('\n\n');
    expect(appPart).toMatch(
      /^test\/fixtures\/templates\/app\.log \(generic\): 46 events, 4 templates/,
    );
    expect(appPart).toContain('COUNT  ID  FIRST SEEN (UTC)     TEMPLATE');
    const rows = appPart!.split('\n').slice(2);
    expect(rows[0]).toMatch(/^\s+20\s+#1\s+2026-11-22 19:30:00\s+GET <\*> in <\*> from <\*>$/);
    expect(rows[3]).toMatch(
      /^\s+6\s+#4\s+2026-11-22 19:40:00\s+connection pool exhausted after <\*> \(max=<\*>, waiting=<\*>\)$/,
    );
    expect(dbPart).toContain('sorry, too many clients already');
  });

  it('lists the top N and says how many more there are', () => {
    const r = run([app, '--top', '2']);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(5);
    expect(r.stdout).toContain('… 2 more templates (--top 4 to list them all)');
  });

  it('prints every source as JSON, templates with counts, times and places', () => {
    const r = run([app, db, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.sources.map((s) => [s.source, s.events, s.templateCount])).toEqual([
      [app, 46, 4],
      [db, 7, 3],
    ]);
    const pool = doc.sources[0]!.templates.find((t) => t.template.startsWith('connection pool'))!;
    expect(pool).toMatchObject({
      id: 4,
      count: 6,
      firstTs: '2026-11-22T19:40:00.699Z',
      lastTs: '2026-11-22T19:40:25.269Z',
      first: { file: app, line: 41 },
    });
    expect(pool.examples.map((e) => e.line)).toEqual([41, 42, 43]);
    expect(doc.sources[1]!.format).toBe('postgres');
    expect(doc.sources[0]!.overflow.count).toBe(0);
  });

  it('gives every event its final template, in input order, with --per-line --json', () => {
    const rows = perLine(run([app, db, '--per-line', '--json']).stdout);
    expect(rows).toHaveLength(46 + 7);
    expect(rows.slice(0, 46).map((r) => r.line)).toEqual(
      Array.from({ length: 46 }, (_, i) => i + 1),
    );
    expect(rows.slice(46).every((r) => r.file === db)).toBe(true);
    // Line 2 came before the template generalised over user names; it shows the final one.
    expect(rows[1]).toEqual({
      source: app,
      file: app,
      line: 2,
      templateId: 2,
      template: 'user <*> logged in from <*>',
    });
    const byId = new Map(rows.slice(0, 46).map((r) => [r.templateId, r.template]));
    for (const r of rows.slice(0, 46)) expect(r.template).toBe(byId.get(r.templateId));
  });

  it('prints file:line, id and template per event with --per-line', () => {
    const lines = run([app, '--per-line']).stdout.trimEnd().split('\n');
    expect(lines[1]).toBe(`${app}:2\t#2\tuser <*> logged in from <*>`);
  });

  it('mines only the events in --since/--until', () => {
    const doc = JSON.parse(
      run([app, '--json', '--since', '2026-11-22T19:39:00Z', '--until', '2026-11-22T19:45:00Z'])
        .stdout,
    ) as Doc;
    const s = doc.sources[0]!;
    expect(s.events).toBe(10);
    expect(s.templates[0]!.template).toMatch(/^connection pool exhausted/);
  });

  it('mines the files of a rotated log as one source, each line naming its file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftermath-templates-'));
    try {
      const lines = readFileSync(join(root, app), 'utf8').trimEnd().split('\n');
      const half = Math.floor(lines.length / 2);
      writeFileSync(join(dir, 'app.log.1'), lines.slice(0, half).join('\n') + '\n');
      writeFileSync(join(dir, 'app.log'), lines.slice(half).join('\n') + '\n');
      const whole = JSON.parse(run([app, '--json']).stdout) as Doc;
      const rotated = JSON.parse(run([dir, '--json']).stdout) as Doc & {
        sources: { files?: string[] }[];
      };
      expect(rotated.sources).toHaveLength(1);
      expect(rotated.sources[0]!.source).toBe('app.log');
      expect(rotated.sources[0]!.files).toEqual([join(dir, 'app.log.1'), join(dir, 'app.log')]);
      expect(rotated.sources[0]!.events).toBe(lines.length);
      // The same templates as the log in one file.
      const shape = (d: Doc) => d.sources[0]!.templates.map((t) => [t.template, t.count]);
      expect(shape(rotated)).toEqual(shape(whole));
      const per = perLine(run([dir, '--per-line', '--json']).stdout);
      expect(per.map((p) => p.file.slice(dir.length + 1))).toEqual([
        ...Array<string>(half).fill('app.log.1'),
        ...Array<string>(lines.length - half).fill('app.log'),
      ]);
      expect(per[half]!.line).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with exit code 2 on a bad --top', () => {
    const r = run([app, '--top', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--top: expected a whole number of templates, got "many"');
  });

  it('exits 1 when nothing could be read', () => {
    const r = run([`${fixtures}/missing.log`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ingest/unreadable');
  });

  it('shows help with examples', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--per-line');
  });

  const hdfs = join(root, '../shared/datasets/loghub-2k/HDFS/HDFS_2k.log');
  it.skipIf(!existsSync(hdfs))('finds the 14 templates of Loghub HDFS 2k', () => {
    const doc = JSON.parse(run([hdfs, '--json', '--top', '0']).stdout) as Doc;
    expect(doc.sources[0]!.templateCount).toBe(14);
  });
});
