/** End-to-end: `aftermath render` to Markdown with diagrams, to one HTML page, to JSON. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/aftermath.js'), ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const doc = `# Checkout 502s

## Timeline

| Time (UTC) | Event |
| --- | --- |
| 2026-11-22 19:40 | Deploy <script>window.pwned = 1</script> |
| 2026-11-22 19:41 | Alert fired |

## Five whys

1. Why did checkout fail? The API timed out.
2. Why? The database was saturated.
`;

describe('aftermath render', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aftermath-render-'));
  const file = join(dir, 'pm.md');
  writeFileSync(file, doc);

  it('embeds diagrams in the Markdown, in place and again without change', () => {
    expect(run(['render', file, '--in-place']).code).toBe(0);
    const once = readFileSync(file, 'utf8');
    expect(once.match(/```mermaid/g)).toHaveLength(2);
    expect(run(['render', file]).stdout).toBe(once);
  });

  it('writes one sanitised HTML page with no script', () => {
    const r = run(['render', file, '--to', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(r.stdout).toContain('<title>Checkout 502s</title>');
    expect(r.stdout).not.toMatch(/<script/i);
    expect(r.stdout).toContain('Content-Security-Policy');
  });

  it('prints the parsed model as JSON', () => {
    const model = JSON.parse(run(['render', file, '--to', 'json']).stdout) as {
      sections: { kind: string }[];
      timeline: { entries: unknown[] };
    };
    expect(model.sections.map((s) => s.kind)).toContain('five-whys');
    expect(model.timeline.entries).toHaveLength(2);
  });

  it('says what it could not read, on one line, with exit code 2', () => {
    const r = run(['render', join(dir, 'missing.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
