import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OomRestartDetector } from '../../analysis/moments/oom-restart.js';
import type { LogEvent } from '../../core/event.js';
import { parseCaseConfig } from '../../ingest/case-config.js';
import { openTimeline } from '../../ingest/timeline.js';
import { collectCase, type CollectResult } from '../collect.js';
import { logLineMs, sinceTime } from './log-time.js';
import { selectorText } from './pods.js';
import { kubernetes } from './index.js';

const since = Date.parse('2026-11-22T19:30:00.500Z');
const until = Date.parse('2026-11-22T20:00:00Z');
const SINCE_TIME = '--since-time=2026-11-22T19:30:00Z';
const BASE = ['--kubeconfig=/etc/kube/prod.yaml', '--context=prod-eu', '--namespace=shop'];
const POD1 = 'shop-api-7d9c6b5f4-x2x9k';
const POD2 = 'shop-api-7d9c6b5f4-q7m2p';

// Recorded in the shapes `kubectl get deployment|pods|events -o json` print (core/v1, apps/v1).
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const deployment = fixture('deployment.json');
const pods = fixture('pods.json');
const pod1 = JSON.stringify((JSON.parse(pods) as { items: unknown[] }).items[0]);
const events = fixture('events.json');

const log = (t: string, text: string): string => `${t} ${text}`;
const POD1_API = [
  log('2026-11-22T19:30:00.100000000Z', 'before the window, inside the second asked for'),
  log('2026-11-22T19:30:00.500000000Z', 'GET /api/cart 200 12ms'),
  log('2026-11-22T19:41:07.881223344Z', 'server listening on :8080'),
  log('2026-11-22T19:59:59.999999999Z', 'GET /api/cart 200 9ms'),
  log('2026-11-22T20:00:00.000000001Z', 'after the window'),
];
const POD1_PREVIOUS = [
  log('2026-11-22T19:40:50.120000000Z', 'heap used 498 MiB of 512 MiB'),
  log('2026-11-22T19:40:51.990000000Z', 'allocating 64 MiB buffer for report export'),
];
const POD1_METRICS = [log('2026-11-22T19:45:00.000000000Z', 'scrape ok')];
const POD2_API = [log('2026-11-22T19:44:30.100000000Z', 'server listening on :8080')];

let dir: string;

interface Call {
  argv: string[];
  stdout?: string;
  stderr?: string;
  code?: number;
  /** Prints this timestamp and 50 MB of text as one line. */
  bigLine?: string;
}

/** A fake kubectl that answers each expected argv and fails loudly (exit 64) on any other. */
async function fakeKubectl(name: string, calls: Call[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(`${path}.json`, JSON.stringify(calls));
  await writeFile(
    path,
    `#!${process.execPath}
const fs = require('fs');
const calls = JSON.parse(fs.readFileSync(__filename + '.json', 'utf8'));
const args = JSON.stringify(process.argv.slice(2));
fs.appendFileSync(__filename + '.calls', args + '\\n');
const call = calls.find((c) => JSON.stringify(c.argv) === args);
if (!call) {
  process.stderr.write('fake kubectl: unexpected argv: ' + args + '\\n');
  process.exit(64);
}
if (call.stdout) process.stdout.write(call.stdout);
if (call.bigLine) process.stdout.write(call.bigLine + ' ' + 'y'.repeat(50 * 1024 * 1024) + '\\n');
if (call.stderr) process.stderr.write(call.stderr + '\\n');
process.stdout.end(() => process.exit(call.code || 0));
`,
  );
  await chmod(path, 0o755);
  return path;
}

const lines = (ls: string[]): string => ls.join('\n') + '\n';
const logsArgv = (p: string, c: string, previous = false): string[] => [
  ...BASE,
  'logs',
  p,
  '-c',
  c,
  '--timestamps',
  SINCE_TIME,
  ...(previous ? ['--previous'] : []),
];

async function run(name: string, source: string): Promise<{ caseDir: string; r: CollectResult }> {
  const caseDir = join(dir, `case-${name}`);
  await mkdir(caseDir, { recursive: true });
  const yaml = `sources:\n${source}`;
  await writeFile(join(caseDir, 'aftermath.yaml'), yaml);
  const r = await collectCase(caseDir, parseCaseConfig(yaml, 'aftermath.yaml').live, {
    window: { since, until },
    connector: (t) => Promise.resolve(t === 'kubernetes' ? (kubernetes as never) : undefined),
  });
  return { caseDir, r };
}

async function timeline(caseDir: string): Promise<LogEvent[]> {
  const tl = await openTimeline([caseDir]);
  const out: LogEvent[] = [];
  for await (const batch of tl.events) out.push(...batch);
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aftermath-k8s-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('kubernetes connector', () => {
  it('reads a deployment’s pods, their logs (and previous), events and restarts', async () => {
    const kubectl = await fakeKubectl('kubectl', [
      {
        argv: [...BASE, 'get', 'deployment', 'shop-api', '-o', 'json'],
        stdout: deployment,
      },
      {
        argv: [...BASE, 'get', 'pods', '-l', 'app=shop-api,track notin (canary)', '-o', 'json'],
        stdout: pods,
      },
      { argv: logsArgv(POD1, 'api'), stdout: lines(POD1_API) },
      { argv: logsArgv(POD1, 'api', true), stdout: lines(POD1_PREVIOUS) },
      { argv: logsArgv(POD1, 'metrics'), stdout: lines(POD1_METRICS) },
      { argv: logsArgv(POD2, 'api'), stdout: lines(POD2_API) },
      {
        argv: logsArgv(POD2, 'api', true),
        stderr: `Error from server (BadRequest): previous terminated container "api" in pod "${POD2}" not found`,
        code: 1,
      },
      { argv: logsArgv(POD2, 'metrics'), stdout: '' },
      { argv: [...BASE, 'get', 'events', '-o', 'json'], stdout: events },
    ]);
    const { caseDir, r } = await run(
      'deployment',
      `  - name: k8s
    type: kubernetes
    namespace: shop
    deployment: shop-api
    previous: true
    context: prod-eu
    kubeconfig: /etc/kube/prod.yaml
    command: [${kubectl}]
`,
    );
    const calls = (await readFile(`${kubectl}.calls`, 'utf8')).trim().split('\n');
    // --previous is asked only where a container terminated: metrics never restarted.
    expect(calls).toHaveLength(9);
    const result = r.sources[0]!;
    expect(result.outcome).toBe('partial');
    expect(result.gaps).toHaveLength(1);
    expect(result.gaps[0]!.message).toMatch(
      new RegExp(
        `^logs of ${POD2}/api-previous: .*exit code 1: .*previous terminated container "api".*not found$`,
      ),
    );
    expect(result.gaps[0]!.data).toEqual({ pod: POD2, container: 'api' });

    const manifest = JSON.parse(await readFile(join(caseDir, 'evidence/manifest.json'), 'utf8'));
    const files = manifest.sources.k8s.files.map(
      (f: { path: string; format: string; items: number }) => [f.path, f.format, f.items],
    );
    expect(files).toEqual([
      [`logs/${POD1}/api.log`, 'kubectl', 3],
      [`logs/${POD1}/api-previous.log`, 'kubectl', 2],
      [`logs/${POD1}/metrics.log`, 'kubectl', 1],
      [`logs/${POD2}/api.log`, 'kubectl', 1],
      ['events.jsonl', 'json', 8],
    ]);

    const evs = await timeline(caseDir);
    const api1 = evs.filter((e) => e.source === `k8s/logs/${POD1}/api`);
    expect(api1.map((e) => e.message)).toEqual([
      'GET /api/cart 200 12ms',
      'server listening on :8080',
      'GET /api/cart 200 9ms',
    ]);
    expect(api1.every((e) => e.format === 'kubectl')).toBe(true);

    const k8sEvents = evs.filter((e) => e.source === 'k8s/events');
    expect(k8sEvents.map((e) => [new Date(e.ts).toISOString(), e.level, e.message])).toEqual([
      [
        '2026-11-22T19:30:00.500Z',
        'warn',
        'Pod/shop-api-7d9c6b5f4-zz1aa FailedScheduling: 0/3 nodes are available: 3 Insufficient memory. (repeating, 40 times from 2026-11-22T19:10:00.000Z to 2026-11-22T20:10:00.000Z)',
      ],
      [
        '2026-11-22T19:36:02.000Z',
        'warn',
        `Pod/${POD1} BackOff: Back-off restarting failed container api in pod shop-api-7d9c6b5f4-x2x9k_shop(1d2c)`,
      ],
      [
        '2026-11-22T19:40:52.000Z',
        'error',
        `Pod/${POD1} container api terminated: OOMKilled (exit code 137), restart count 3`,
      ],
      [
        '2026-11-22T19:40:58.000Z',
        'warn',
        `Pod/${POD1} BackOff: Back-off restarting failed container api in pod shop-api-7d9c6b5f4-x2x9k_shop(1d2c) (last of 12)`,
      ],
      ['2026-11-22T19:41:07.000Z', 'info', `Pod/${POD1} container api restarted (restart count 3)`],
      [
        '2026-11-22T19:43:10.000Z',
        'warn',
        `Pod/${POD2} Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503`,
      ],
      [
        '2026-11-22T19:44:28.000Z',
        'warn',
        `Pod/${POD2} container api terminated: Error (exit code 1), restart count 1`,
      ],
      ['2026-11-22T19:44:30.000Z', 'info', `Pod/${POD2} container api restarted (restart count 1)`],
    ]);
    const backoff = k8sEvents[1]!;
    expect(backoff.attrs).toMatchObject({
      pod: POD1,
      namespace: 'shop',
      container: 'api',
      reason: 'BackOff',
      count: 12,
      'involvedObject.kind': 'Pod',
      'involvedObject.name': POD1,
      node: 'node-eu-3',
    });
    // The analysis's OOM detector sees the OOMKilled termination.
    const oom = new OomRestartDetector();
    for (const e of k8sEvents) oom.add(e);
    expect(oom.finish().filter((m) => m.kind === 'oom_kill')).toHaveLength(1);
  });

  it('reads named pods, a missing one being a gap for that pod only', async () => {
    const kubectl = await fakeKubectl('kubectl-named', [
      { argv: ['get', 'pod', POD1, '-o', 'json'], stdout: pod1 },
      {
        argv: ['get', 'pod', 'shop-api-gone', '-o', 'json'],
        stderr: 'Error from server (NotFound): pods "shop-api-gone" not found',
        code: 1,
      },
      { argv: ['logs', POD1, '-c', 'api', '--timestamps', SINCE_TIME], stdout: lines(POD1_API) },
    ]);
    const { r } = await run(
      'named',
      `  - name: k8s\n    type: kubernetes\n    pods: [${POD1}, shop-api-gone]\n    container: api\n    events: false\n    command: [${kubectl}]\n`,
    );
    expect(r.sources[0]).toMatchObject({ outcome: 'partial', items: 3 });
    expect(r.sources[0]!.gaps.map((g) => g.data)).toEqual([{ pod: 'shop-api-gone' }]);
    expect(r.sources[0]!.gaps[0]!.message).toMatch(/NotFound.*shop-api-gone/);
  });

  it('cuts a 50 MB log line to a bounded size', async () => {
    const kubectl = await fakeKubectl('kubectl-big', [
      { argv: ['get', 'pod', POD1, '-o', 'json'], stdout: pod1 },
      {
        argv: ['logs', POD1, '-c', 'api', '--timestamps', SINCE_TIME],
        stdout: lines(POD1_API.slice(1, 2)),
        bigLine: '2026-11-22T19:31:00.000000000Z',
      },
    ]);
    const { caseDir, r } = await run(
      'big',
      `  - name: k8s\n    type: kubernetes\n    pods: [${POD1}]\n    container: api\n    events: false\n    command: [${kubectl}]\n`,
    );
    expect(r.sources[0]).toMatchObject({ outcome: 'collected', items: 2 });
    expect(r.diagnostics.find((d) => d.ruleId === 'collect/kubernetes-cut')?.data).toEqual({
      lines: 1,
    });
    const text = await readFile(join(caseDir, `evidence/k8s/logs/${POD1}/api.log`), 'utf8');
    expect(text.length).toBeLessThan(70 * 1024);
    const evs = await timeline(caseDir);
    expect(evs[1]!.message).toMatch(/^y{65505}/);
  });

  it('ends the source when kubectl cannot list the pods (no login, missing binary)', async () => {
    const kubectl = await fakeKubectl('kubectl-denied', [
      {
        argv: ['get', 'pods', '-l', 'app=shop-api', '-o', 'json'],
        stderr: 'error: You must be logged in to the server (Unauthorized)',
        code: 1,
      },
    ]);
    const denied = await run(
      'denied',
      `  - name: k8s\n    type: kubernetes\n    selector: app=shop-api\n    command: [${kubectl}]\n`,
    );
    expect(denied.r.sources[0]!.outcome).toBe('failed');
    expect(denied.r.sources[0]!.gaps[0]!.message).toMatch(
      /exit code 1: error: You must be logged in to the server \(Unauthorized\)$/,
    );
    const missing = await run(
      'missing',
      `  - name: k8s\n    type: kubernetes\n    selector: app=shop-api\n    command: [${join(dir, 'no-kubectl')}]\n`,
    );
    expect(missing.r.sources[0]!.gaps[0]!.message).toMatch(/no-kubectl: command not found/);
  });

  it('rejects a source naming its pods twice or not at all', async () => {
    await expect(
      run('twice', '  - name: k8s\n    type: kubernetes\n    selector: app=x\n    deployment: x\n'),
    ).rejects.toThrow(/exactly one of selector, deployment or pods/);
    await expect(
      run('typo', '  - name: k8s\n    type: kubernetes\n    selectr: app=x\n'),
    ).rejects.toThrow(/selectr/);
  });

  it('reads log line times to the ms, whatever their zone and precision', () => {
    expect(logLineMs('2026-11-22T19:42:49.123456789Z GET /')).toBe(
      Date.parse('2026-11-22T19:42:49.123Z'),
    );
    expect(logLineMs('2026-11-22T21:42:49.5+02:00 x')).toBe(Date.parse('2026-11-22T19:42:49.500Z'));
    expect(logLineMs('2026-11-22T19:42:49Z x')).toBe(Date.parse('2026-11-22T19:42:49Z'));
    expect(logLineMs('\tat com.example.Pool.get(Pool.java:42)')).toBeUndefined();
    expect(sinceTime(Date.parse('2026-11-22T19:30:00.999Z'))).toBe('2026-11-22T19:30:00Z');
  });

  it('turns label selector objects into kubectl -l text', () => {
    expect(
      selectorText({
        matchLabels: { app: 'shop', tier: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'staging'] },
          { key: 'canary', operator: 'DoesNotExist' },
          { key: 'zone', operator: 'Exists' },
        ],
      }),
    ).toBe('app=shop,tier=web,env in (prod,staging),!canary,zone');
  });
});
