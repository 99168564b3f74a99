/** `aftermath lint` in-process: formats, exit codes, --fix, --rule, --config, config search, usage errors. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runLint, type LintFlags } from '../src/cli/commands/lint.js';
import { Output } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';

const good = readFileSync(join(import.meta.dirname, 'fixtures/lint/good.md'), 'utf8');
let dir: string;
let stderr: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aftermath-lint-'));
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr.push(String(s));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

async function lint(
  paths: string[],
  flags: Partial<LintFlags> = {},
): Promise<{ code: number; out: string }> {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString()));
  const code = await runLint(paths, { format: 'stylish', ...flags }, new Output(stream), dir);
  return { code, out: chunks.join('') };
}

const write = (name: string, text: string): string => {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
};
// `good` with a fixed "now" so that the date rules do not depend on today.
const withNow = (extra = ''): string => `now: 2026-03-10\n${extra}`;

describe('aftermath lint', () => {
  it('exits 0 on a clean document and prints nothing', async () => {
    write('.aftermathrc.yaml', withNow());
    write('pm.md', good);
    expect(await lint(['pm.md'])).toEqual({ code: 0, out: '' });
  });

  it('exits 1 on errors and prints stylish output', async () => {
    write('.aftermathrc.yaml', withNow());
    write(
      'pm.md',
      good
        .replace('## Impact', '## Effects')
        .replace('The pool size is', 'The engineer broke it. The pool size is'),
    );
    const r = await lint(['pm.md']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^pm\.md\n/);
    expect(r.out).toContain('required-sections');
    expect(r.out).toContain('no-person-as-cause');
  });

  it('warnings pass unless --max-warnings is exceeded', async () => {
    write('.aftermathrc.yaml', withNow());
    write('pm.md', good.replace('severity: SEV2\n', ''));
    expect((await lint(['pm.md'])).code).toBe(0);
    expect((await lint(['pm.md'], { maxWarnings: '0' })).code).toBe(1);
    expect(stderr.join('')).toContain('more than --max-warnings 0');
    expect((await lint(['pm.md'], { maxWarnings: '1' })).code).toBe(0);
  });

  it('walks folders for Markdown and finds the config above each file', async () => {
    write('.aftermathrc.yaml', withNow('rules:\n  severity-required: error\n'));
    write('team/a/pm.md', good.replace('severity: SEV2\n', ''));
    write('team/b/.aftermathrc.yaml', withNow('rules:\n  severity-required: off\n'));
    write('team/b/pm.md', good.replace('severity: SEV2\n', ''));
    write('team/b/notes.txt', 'not markdown');
    write('team/.hidden/pm.md', 'ignored');
    const r = await lint(['team'], { format: 'json' });
    const files = JSON.parse(r.out) as {
      filePath: string;
      findings: { ruleId: string; severity: string }[];
    }[];
    expect(files.map((f) => f.filePath)).toEqual(['team/a/pm.md', 'team/b/pm.md']);
    expect(files[0]!.findings).toEqual([
      expect.objectContaining({ ruleId: 'severity-required', severity: 'error' }),
    ]);
    expect(files[1]!.findings).toEqual([]);
    expect(r.code).toBe(1);
  });

  it('--rule and --config override', async () => {
    write('pm.md', good.replace('severity: SEV2\n', ''));
    write('other.yaml', withNow('rules:\n  severity-required: error\n'));
    expect((await lint(['pm.md'], { config: 'other.yaml' })).code).toBe(1);
    expect(
      (await lint(['pm.md'], { config: 'other.yaml', rule: ['severity-required=off'] })).code,
    ).toBe(0);
  });

  it('--fix writes the missing sections and reports what is left', async () => {
    write('.aftermathrc.yaml', withNow());
    const p = write('pm.md', good.replace(/## Impact\n\n[\s\S]*?(?=## Timeline)/, ''));
    const r = await lint(['pm.md'], { fix: true });
    expect(readFileSync(p, 'utf8')).toContain('## Impact\n\n<!--');
    expect(r.out).toContain('The Impact section is empty');
    expect(stderr.join('')).toContain('fixed 1 problem');
  });

  it('writes SARIF and GitHub annotations', async () => {
    write('.aftermathrc.yaml', withNow());
    write('pm.md', good.replace('severity: SEV2\n', ''));
    await lint(['pm.md'], { format: 'sarif', outputFile: 'out.sarif' });
    const log = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results).toHaveLength(1);
    const gh = await lint(['pm.md'], { format: 'github' });
    expect(gh.out).toMatch(
      /^::warning file=pm\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=severity-required::No severity/,
    );
  });

  it.each([
    [['missing.md'], {}, /"missing\.md" does not exist/],
    [['pm.md'], { format: 'xml' }, /--format: expected one of stylish, json, sarif, github/],
    [['pm.md'], { maxWarnings: 'lots' }, /--max-warnings: expected a whole number/],
    [['pm.md'], { rule: ['nope=off'] }, /unknown rule/],
    [
      ['pm.md'],
      { config: 'bad.yaml' },
      /bad\.yaml: rules\.timeline-zone: expected off, info, warning or error/,
    ],
  ])('usage errors: %j %j', async (paths, flags, message) => {
    write('pm.md', good);
    write('bad.yaml', 'rules:\n  timeline-zone: loud\n');
    await expect(lint(paths, flags as Partial<LintFlags>)).rejects.toThrow(message);
  });

  it('main: exit 2 on usage errors and a help text with examples', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main(['lint', join(dir, 'missing.md')])).toBe(2);
    expect(stderr.join('')).toMatch(/aftermath: lint: expected a Markdown file or a folder/);
    const help: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      help.push(String(s));
      return true;
    });
    expect(await main(['lint', '--help'])).toBe(0);
    expect(help.join('')).toContain('aftermath lint postmortems -f sarif -o aftermath.sarif');
  });
});
