/** End-to-end: `aftermath report` writes one self-contained HTML file from a case's evidence. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, writeHostileCase } from './fixtures/report/hostile-evidence.js';

const root = join(import.meta.dirname, '..');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/aftermath.js'), ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('aftermath report', () => {
  let dir: string;
  let evidence: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aftermath-report-cli-'));
    evidence = await writeHostileCase(join(dir, 'case'));
  });

  it('writes the report (and nothing else), prints its path, redacts secrets', () => {
    const out = join(dir, 'out', 'report.html');
    const r = run(['report', evidence, '-o', join(dir, 'report.html')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${join(dir, 'report.html')}\n`);
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('id="report-data"');
    for (const secret of [HOSTILE.token, HOSTILE.apiKey, 'hunter2pass'])
      expect(page).not.toContain(secret);
    // A drafted postmortem (no --document): no diagrams, so no Mermaid.
    expect(page).toContain('<h3>Summary</h3>');
    expect(page.length).toBeLessThan(400_000);
    expect(readdirSync(dir).filter((f) => f.includes('aftermath-tmp'))).toEqual([]);
    expect(run(['report', evidence, '-o', out]).code).toBe(2);
  });

  it('shows secrets only when told, and adds rules and patterns', () => {
    const file = join(dir, 'raw.html');
    expect(run(['report', evidence, '-o', file, '--no-redact']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(HOSTILE.apiKey);
    const more = join(dir, 'more.html');
    const args = ['--redact', 'email', '--redact-pattern', 'pwned=3'];
    expect(run(['report', evidence, '-o', more, ...args]).code).toBe(0);
    const page = readFileSync(more, 'utf8');
    expect(readFileSync(file, 'utf8')).toContain('pwned=3');
    expect(page).not.toContain('pwned=3');
    expect(page).not.toContain(HOSTILE.apiKey);
  });

  it('takes the postmortem given, with Mermaid inlined for its diagrams or shown as source', () => {
    const doc = join(evidence, 'postmortem.md');
    const inlined = join(dir, 'inlined.html');
    expect(run(['report', evidence, '-o', inlined, '--document', doc]).code).toBe(0);
    const page = readFileSync(inlined, 'utf8');
    expect(page).toContain('<figure class="diagram">');
    expect(page.length).toBeGreaterThan(2_000_000);
    const source = join(dir, 'source.html');
    expect(
      run(['report', evidence, '-o', source, '--document', doc, '--mermaid', 'source']).code,
    ).toBe(0);
    const small = readFileSync(source, 'utf8');
    expect(small.length).toBeLessThan(400_000);
    expect(small).toContain('made without Mermaid');
  });

  it('says what is wrong in one line', () => {
    const cases: [string[], RegExp][] = [
      [['--document', join(dir, 'missing.md')], /cannot read --document .*missing\.md: ENOENT/],
      [['--redact', 'nope'], /--redact: unknown redaction rule "nope"/],
      [['--redact-pattern', '('], /--redact-pattern: cannot read "\("/],
      [['--mermaid', 'svg'], /argument 'svg' is invalid/],
    ];
    for (const [flags, message] of cases) {
      const r = run(['report', evidence, '-o', join(dir, 'x.html'), ...flags]);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('has help with examples', () => {
    const r = run(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--no-redact');
  });
});
