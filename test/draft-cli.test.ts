/** End-to-end: `aftermath draft` writes a postmortem from the example incident and refreshes it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const example = join(root, 'examples/pool-exhaustion');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/aftermath.js'), ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('aftermath draft', () => {
  it('prints a draft with front-matter times and evidence links', () => {
    const r = run(['draft', example]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('---\n')).toBe(true);
    expect(r.stdout).toContain('started: 2026-11-22T19:40:');
    expect(r.stdout).toMatch(/\[examples\/pool-exhaustion\/nginx\/access\.log:7477\]/);
  });

  it('writes the file, then refreshes it without touching what people wrote', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftermath-draft-'));
    const file = join(dir, 'postmortem.md');
    const first = run(['draft', example, '-o', file]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`drafted ${file}`);
    const written = readFileSync(file, 'utf8');
    const edited = written.replace(
      '## What went well\n',
      '## What went well\n\n- The revert took two minutes.\n',
    );
    writeFileSync(file, edited);
    const again = run(['draft', example, '-o', file]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('refreshed the evidence in');
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });
});
