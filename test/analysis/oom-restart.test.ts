/**
 * OOM kills and restarts: the kernel kills the app twice; each time the app logs "server
 * listening" with a new pid a little later, and nginx answers 502 while it is down.
 */
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../src/core/event.js';
import {
  Evidence,
  MINUTE,
  SECOND,
  analyze,
  at,
  momentOf,
  momentsOf,
  ref,
  story,
} from './synthetic.js';

const t0 = at('2026-06-03T10:00:00Z');
const end = t0 + 30 * MINUTE;
/** [kill time, killed pid, restart time, new pid] */
const CRASHES = [
  [t0 + 12 * MINUTE, 100, t0 + 12 * MINUTE + 40 * SECOND, 101],
  [t0 + 20 * MINUTE, 101, t0 + 20 * MINUTE + 30 * SECOND, 102],
] as const;

function pidAt(ts: number): number | undefined {
  let pid: number | undefined = 100;
  for (const [kill, , restart, next] of CRASHES) {
    if (ts >= kill && ts < restart) return undefined;
    if (ts >= restart) pid = next;
  }
  return pid;
}

function build() {
  const ev = new Evidence(44);
  const kills: LogEvent[] = [];
  const starts: LogEvent[] = [];
  // The log begins with a start: that is no restart.
  const boot = ev.app(t0 + 500, 'info', 'server listening', { pid: 100, port: 3001 });
  for (let ts = t0 + 10 * SECOND; ts < end; ts += 10 * SECOND) {
    const pid = pidAt(ts);
    if (pid !== undefined) ev.app(ts, 'info', 'pool stats', { pid, total: 10, idle: 7 });
  }
  for (const [kill, pid, restart, next] of CRASHES) {
    kills.push(ev.oomKill(kill, pid, 'node'));
    starts.push(ev.app(restart, 'info', 'server listening', { pid: next, port: 3001 }));
  }
  // The same process saying it listens again is not a restart.
  const again = ev.app(CRASHES[1][2] + 5 * SECOND, 'info', 'server listening', {
    pid: CRASHES[1][3],
    port: 3002,
  });
  const requests = ev.traffic(t0, end, 20, (ts, rng) => ({
    status: pidAt(ts) === undefined ? 502 : 200,
    latencyMs: pidAt(ts) === undefined ? rng.logNormal(2, 0.2) : rng.logNormal(30, 0.3),
  }));
  return { ev, analysis: analyze(ev.build()), kills, starts, boot, again, requests };
}

describe('OOM kills and restarts', () => {
  const { analysis, kills, starts, boot, again, requests } = build();

  it('reports each OOM kill with the killed process and the kernel line', () => {
    const ooms = momentsOf(analysis, 'oom_kill');
    expect(ooms, story(analysis)).toHaveLength(2);
    ooms.forEach((m, i) => {
      const [kill, pid] = CRASHES[i]!;
      expect(m).toMatchObject({
        ts: kill,
        source: 'kernel',
        confidence: 1,
        data: { pid, process: 'node', memoryKb: 2_097_152 },
      });
      expect(m.evidence).toEqual([ref(kills[i]!)]);
    });
  });

  it('reports a restart for each new pid, not for the first start or the same pid again', () => {
    const restarts = momentsOf(analysis, 'restart');
    expect(
      restarts.map((m) => m.ts),
      story(analysis),
    ).toEqual(CRASHES.map((c) => c[2]));
    restarts.forEach((m, i) => {
      expect(m.source).toBe('app');
      expect(m.data).toEqual({ pid: CRASHES[i]![3] });
      expect(m.evidence).toEqual([ref(starts[i]!)]);
    });
    const evidence = restarts.flatMap((m) => m.evidence);
    expect(evidence).not.toContainEqual(ref(boot));
    expect(evidence).not.toContainEqual(ref(again));
  });

  it('dates the onset at the first 502 and takes the restart as the mitigation', () => {
    const first502 = requests.find((e) => e.attrs.status === 502)!;
    const onset = momentOf(analysis, 'onset');
    expect(onset, story(analysis)).toBeDefined();
    expect(Math.abs(onset!.ts - first502.ts)).toBeLessThanOrEqual(30 * SECOND);
    const mitigation = momentOf(analysis, 'mitigation');
    expect(mitigation).toMatchObject({ ts: CRASHES[0][2], data: { action: 'restart' } });
    expect(mitigation!.evidence).toEqual([ref(starts[0]!)]);
  });

  it('names the OOM kill as the first error of the kernel', () => {
    const first = momentsOf(analysis, 'first_error').find((m) => m.source === 'kernel');
    expect(first?.evidence).toEqual([ref(kills[0]!)]);
  });
});

describe('OOM lines without a parsed pid', () => {
  it('reads a runtime OOMKilled line by its words, with lower confidence; info lines are ignored', () => {
    const ev = new Evidence(45);
    const t = at('2026-06-03T10:00:00Z');
    const oom = ev.event({
      ts: t + MINUTE,
      source: 'kubelet',
      format: 'json',
      level: 'warn',
      message: 'container api in pod shop-api-7d9 was OOMKilled',
    });
    ev.event({
      ts: t + 2 * MINUTE,
      source: 'kubelet',
      format: 'json',
      level: 'info',
      message: 'oom-killer settings: vm.overcommit_memory=0',
    });
    const a = analyze(ev.build());
    const ooms = momentsOf(a, 'oom_kill');
    expect(ooms).toHaveLength(1);
    expect(ooms[0]).toMatchObject({ ts: oom.ts, confidence: 0.7, evidence: [ref(oom)] });
  });
});
