/** End-to-end: `aftermath new` from the built CLI (run `npm run build` first). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/document/index.js';

const root = join(import.meta.dirname, '..');

function run(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [join(root, 'bin/aftermath.js'), 'new', ...args], {
    cwd,
    input: '',
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('aftermath new', () => {
  it('writes the default template to stdout with the front matter filled in', () => {
    const r = run([
      '--title',
      'Checkout API returned 502s',
      '--severity',
      'sev2',
      '--author',
      'alice,bob',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = parseDocument(r.stdout);
    expect(doc.diagnostics).toEqual([]);
    expect(doc.frontMatter!.data).toMatchObject({
      title: 'Checkout API returned 502s',
      severity: 'SEV2',
      status: 'draft',
      authors: ['alice', 'bob'],
    });
    expect(doc.frontMatter!.data.id).toMatch(/^\d{4}-\d\d-\d\d-checkout-api-returned-502s$/);
    expect(doc.sections.map((s) => s.kind)).toContain('five-whys');
  });

  it('writes a file, and will not overwrite it without --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftermath-new-'));
    const file = join(dir, 'postmortem.md');
    const first = run(['-t', 'minimal', '--title', 'Login latency', '--id', 'PM-9', '-o', file]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`wrote ${file}`);
    const doc = parseDocument(readFileSync(file, 'utf8'));
    expect(doc.frontMatter!.data.id).toBe('PM-9');
    expect(doc.sections.map((s) => s.kind)).toEqual([
      'summary',
      'impact',
      'timeline',
      'root-cause',
      'action-items',
    ]);
    const again = run(['--title', 'Other', '-o', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists.*--force/);
    expect(readFileSync(file, 'utf8')).toContain('PM-9');
    expect(run(['--title', 'Other', '-o', file, '--force']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('title: Other');
  });

  it('uses custom templates from a folder and lists them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftermath-templates-'));
    mkdirSync(join(dir, 'tpl'));
    writeFileSync(
      join(dir, 'tpl/security.md'),
      '<!-- security incidents -->\n# {{title}}\n\n## Impact\n',
    );
    const list = run(['--templates-dir', 'tpl', '--list-templates'], dir);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^security\s+\(custom\) security incidents$/m);
    expect(list.stdout).toMatch(/^google-sre\s+/m);
    const r = run(['--templates-dir', 'tpl', '-t', 'security', '--title', 'Leaked token'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^---\nid: \d{4}-\d\d-\d\d-leaked-token\ntitle: Leaked token\n---\n/);
    expect(r.stdout).toContain('# Leaked token\n');
  });

  it('says what is wrong, with exit code 2', () => {
    const noTitle = run([]);
    expect(noTitle.code).toBe(2);
    expect(noTitle.stderr).toMatch(/--title: expected the incident's title/);
    const badTemplate = run(['--title', 'x', '-t', 'nope']);
    expect(badTemplate.code).toBe(2);
    expect(badTemplate.stderr).toMatch(/unknown template "nope": expected one of .*default/);
    const badSeverity = run(['--title', 'x', '--severity', 'SEV9']);
    expect(badSeverity.code).toBe(2);
    expect(badSeverity.stderr).toMatch(/--severity: unknown severity "SEV9"/);
    const badDir = run(['--title', 'x', '--templates-dir', '/nonexistent/dir']);
    expect(badDir.code).toBe(2);
    expect(badDir.stderr).toMatch(/--templates-dir: .*ENOENT/);
  });

  it('has help with examples', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--template <name>');
  });
});
