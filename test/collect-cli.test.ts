/** End-to-end: `aftermath collect` from the built CLI (run `npm run build` first), against a fake Alertmanager. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeAlertmanager } from './fixtures/prometheus/fake-alertmanager.js';
import { startFakeApi, type FakeApi } from './support/fake-api.js';

const root = join(import.meta.dirname, '..');
const exec = promisify(execFile);
const TOKEN = 'am-token-5f1e9c';

// Async: the fake server answers from this process while the CLI runs.
async function run(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await exec(process.execPath, [join(root, 'bin/aftermath.js'), ...args], {
      env: { ...process.env, NO_COLOR: '1', ...env },
      encoding: 'utf8',
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('aftermath collect', () => {
  let api: FakeApi;
  let dir: string;
  beforeAll(async () => {
    api = await startFakeApi(
      fakeAlertmanager({
        token: TOKEN,
        alerts: [
          {
            labels: { alertname: 'ShopApiHighErrorRatio', service: 'shop-api', severity: 'page' },
            annotations: { summary: '24% of requests fail' },
            startsAt: '2026-11-22T19:41:21.813Z',
            endsAt: '2026-11-22T19:50:21.813Z',
            state: 'active',
          },
        ],
        silences: [],
      }),
    );
    dir = await mkdtemp(join(tmpdir(), 'aftermath-collect-cli-'));
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function caseWith(window: string, url = api.url): Promise<string> {
    const caseDir = await mkdtemp(join(dir, 'case-'));
    await writeFile(
      join(caseDir, 'aftermath.yaml'),
      `title: collect test\n${window}sources:\n  - name: am\n    type: alertmanager\n    url: ${url}\n    auth: { bearer_env: AM_TOKEN }\n`,
    );
    return caseDir;
  }
  const WINDOW = 'window:\n  since: 2026-11-22T19:30:00Z\n  until: 2026-11-22T20:00:00Z\n';

  it('snapshots the source, then finds it current; timeline reads the alert offline', async () => {
    const caseDir = await caseWith(WINDOW);
    const first = await run(['collect', caseDir], { AM_TOKEN: TOKEN });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^am\s+alertmanager\s+collected\s+1\s+2$/m);
    const manifest = JSON.parse(await readFile(join(caseDir, 'evidence/manifest.json'), 'utf8'));
    expect(manifest.sources.am.files.map((f: { path: string }) => f.path).sort()).toEqual([
      'alerts.jsonl',
      'silences.jsonl',
    ]);
    const again = await run(['collect', caseDir, '--json'], { AM_TOKEN: TOKEN });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).sources[0].outcome).toBe('current');
    const requests = api.requests.length;
    const tl = await run(['timeline', caseDir, '--json']);
    expect(tl.code).toBe(0);
    expect(tl.stdout).toContain('ShopApiHighErrorRatio');
    expect(api.requests.length).toBe(requests);
    for (const out of [first.stdout, again.stdout, tl.stdout])
      expect(out.includes(TOKEN)).toBe(false);
  });

  it('a wrong token is a gap and exit code 1; a missing variable names it', async () => {
    const caseDir = await caseWith(WINDOW);
    const wrong = await run(['collect', caseDir], { AM_TOKEN: 'nope' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/FAILED/);
    expect(wrong.stdout).toMatch(/401/);
    const missing = await run(['collect', caseDir], { AM_TOKEN: '' });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('AM_TOKEN');
    const analyze = await run(['analyze', caseDir, '--json']);
    expect(
      JSON.parse(analyze.stdout)
        .gaps.map((g: { message: string }) => g.message)
        .join('\n'),
    ).toMatch(/am \(alertmanager\)/);
  });

  it('analyze --collect snapshots what is missing first, the table on stderr, then analyses', async () => {
    const caseDir = await caseWith(WINDOW);
    const r = await run(['analyze', caseDir, '--collect', '--json'], { AM_TOKEN: TOKEN });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^am\s+alertmanager\s+collected\s+1\s+2$/m);
    const analysis = JSON.parse(r.stdout) as { moments: { kind: string; title: string }[] };
    expect(analysis.moments.filter((m) => m.kind === 'alert_firing').map((m) => m.title)).toEqual([
      'alert ShopApiHighErrorRatio (page) firing',
    ]);
    const again = await run(['draft', caseDir, '--collect'], { AM_TOKEN: TOKEN });
    expect(again.stderr).toMatch(/^am\s+alertmanager\s+already current/m);
    expect(again.stdout).toContain('ShopApiHighErrorRatio');
  });

  it('usage errors are one line with exit code 2', async () => {
    const noWindow = await run(['collect', await caseWith('')]);
    expect(noWindow.code).toBe(2);
    expect(noWindow.stderr).toMatch(
      /^aftermath: collect needs the incident window: set window.since/,
    );
    const flags = await run([
      'collect',
      await caseWith(''),
      '--since',
      '2026-11-22 20:00',
      '--until',
      '2026-11-22 19:00',
    ]);
    expect(flags.code).toBe(2);
    expect(flags.stderr).toMatch(/the window is empty/);
    const noCase = await run(['collect', dir]);
    expect(noCase.code).toBe(2);
    expect(noCase.stderr).toMatch(/no aftermath.yaml in/);
    const badOption = await run([
      'collect',
      await caseWith(WINDOW + 'x: 1\n'.slice(0, 0), 'not a url'),
    ]);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/source "am" \(alertmanager\): url/);
  });
});
