/** End-to-end: `aftermath analyze` on the example incident, a skewed copy of it, case files and bad input. */
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
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonMoment {
  kind: string;
  ts: string;
  source: string;
  confidence: number;
  evidence: { file: string; line: number }[];
}

const at = (iso: string): number => Date.parse(iso);

describe('aftermath analyze on the example incident', () => {
  const json = run(['analyze', example, '--json']);
  const doc = JSON.parse(json.stdout) as {
    schema: string;
    moments: JsonMoment[];
    impact: { failedRequests: number; source: string };
    mttx: Record<string, { ts: string | null }>;
  };
  const first = (kind: string): JsonMoment => {
    const m = doc.moments.find((x) => x.kind === kind);
    expect(m, kind).toBeDefined();
    return m!;
  };

  it('writes the documented schema: every moment with kind, ts, source, confidence, evidence', () => {
    expect(json.code).toBe(0);
    expect(doc.schema).toBe('aftermath/analysis@1');
    for (const m of doc.moments) {
      expect(typeof m.kind).toBe('string');
      expect(m.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(m.confidence).toBeGreaterThanOrEqual(0);
      expect(m.confidence).toBeLessThanOrEqual(1);
      expect(m.evidence.length).toBeGreaterThan(0);
      for (const e of m.evidence) expect(e.line).toBeGreaterThan(0);
    }
  });

  it('tells the story the ground truth records', () => {
    // ground-truth.json: deploy 19:40:37.142, first 5xx 19:40:42 (access.log:7477), alert
    // ShopApiHighErrorRatio from 19:41:21.813, rollback 19:43:13.772, last 5xx 19:43:15.
    const deploy = doc.moments.find(
      (m) => m.kind === 'deploy' && m.ts.startsWith('2026-11-22T19:40'),
    );
    expect(deploy).toBeDefined();
    expect(Math.abs(at(deploy!.ts) - at('2026-11-22T19:40:37.142Z'))).toBeLessThan(2000);
    expect(Math.abs(at(first('onset').ts) - at('2026-11-22T19:40:42Z'))).toBeLessThanOrEqual(
      30_000,
    );
    expect(first('alert_firing').ts).toBe('2026-11-22T19:41:21.813Z');
    expect(Math.abs(at(first('mitigation').ts) - at('2026-11-22T19:43:13.772Z'))).toBeLessThan(
      5000,
    );
    const recovery = at(first('recovery').ts);
    expect(recovery).toBeGreaterThanOrEqual(at('2026-11-22T19:43:15Z'));
    expect(recovery).toBeLessThanOrEqual(at('2026-11-22T19:44:30Z'));
    const nginxError = doc.moments.find((m) => m.kind === 'first_error' && m.source === 'nginx')!;
    expect(nginxError.evidence[0]!.line).toBe(7477);
    expect(doc.impact).toMatchObject({ source: 'nginx', failedRequests: 2178 });
    expect(doc.mttx.detected!.ts).toBe('2026-11-22T19:41:21.813Z');
    expect(doc.mttx.acknowledged!.ts).toBeNull();
  });

  it('prints a readable summary and Markdown', () => {
    const text = run(['analyze', example]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('What happened (UTC)');
    expect(text.stdout).toMatch(/onset .*nginx\/access\.log:\d+/);
    expect(text.stdout).toContain('sorry, too many clients already');
    const md = run(['analyze', example, '--md']);
    expect(md.stdout.startsWith('# Analysis: ')).toBe(true);
    expect(md.stdout).toContain('| TIME | KIND | WHAT | EVIDENCE |');
  });
});

describe('clock skew', () => {
  // The example's nginx and app logs, the app's clock moved 2 s ahead.
  const dir = mkdtempSync(join(tmpdir(), 'aftermath-skew-'));
  const head = (file: string, n: number): string[] =>
    readFileSync(join(example, file), 'utf8').split('\n').slice(0, n);
  writeFileSync(join(dir, 'access.log'), head('nginx/access.log', 4000).join('\n') + '\n');
  const app = head('app/app.log', 3200).map((line) => {
    const rec = JSON.parse(line) as { time: string };
    rec.time = new Date(Date.parse(rec.time) + 2000).toISOString();
    return JSON.stringify(rec);
  });
  writeFileSync(join(dir, 'app.log'), app.join('\n') + '\n');

  it('finds the offset by request id and corrects it on request', () => {
    const found = JSON.parse(run(['analyze', dir, '--json']).stdout) as {
      skew: { source: string; offsetSeconds: number; method: string }[];
    };
    expect(found.skew).toHaveLength(1);
    expect(found.skew[0]).toMatchObject({ source: 'app.log', method: 'request-id' });
    expect(Math.abs(found.skew[0]!.offsetSeconds - 2)).toBeLessThan(0.25);
    const fixed = JSON.parse(run(['analyze', dir, '--json', '--correct-skew']).stdout) as {
      corrections: Record<string, number>;
      skew: unknown[];
    };
    expect(Math.abs(fixed.corrections['app.log']! + 2000)).toBeLessThan(250);
    expect(fixed.skew).toEqual([]);
    const tl = run(['timeline', dir, '--correct-skew', '--count']);
    expect(tl.code).toBe(0);
    expect(tl.stderr).toMatch(/--correct-skew: added app\.log -[12]\.\d+ s/);
  });

  it('takes a known offset from the case file', () => {
    writeFileSync(
      join(dir, 'aftermath.yaml'),
      'sources:\n  - name: nginx\n    path: access.log\n  - name: app\n    path: app.log\n    clock_offset: -2s\n',
    );
    const r = JSON.parse(run(['analyze', dir, '--json']).stdout) as { skew: unknown[] };
    expect(r.skew).toEqual([]);
  });
});

describe('bad input', () => {
  it('rejects a baseline it cannot read with one line and exit code 2', () => {
    const r = run(['analyze', example, '--baseline', 'sometime']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--baseline');
  });

  it('says honestly when nothing had a time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftermath-empty-'));
    writeFileSync(join(dir, 'notes.txt'), 'nothing to see here\nreally nothing\n');
    const r = run(['analyze', join(dir, 'notes.txt')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no timed events');
    expect(r.stdout).toContain('no change point found');
  });

  it('uses the case file window and reports a window without events', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftermath-window-'));
    writeFileSync(
      join(dir, 'access.log'),
      readFileSync(join(example, 'nginx/access.log'), 'utf8')
        .split('\n')
        .slice(0, 2000)
        .join('\n') + '\n',
    );
    writeFileSync(
      join(dir, 'aftermath.yaml'),
      'window:\n  since: "2026-11-22 19:37:40"\n  until: "2026-11-22 19:38:00"\nsources:\n  - name: nginx\n    path: access.log\n',
    );
    const r = JSON.parse(run(['analyze', dir, '--json']).stdout) as {
      window: { from: string; to: string };
    };
    expect(r.window.from).toBe('2026-11-22T19:37:40.000Z');
    expect(r.window.to).toBe('2026-11-22T19:38:00.000Z');
  });
});
