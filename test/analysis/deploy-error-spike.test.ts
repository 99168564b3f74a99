/**
 * An error spike after a deploy: a commit, its deploy 3 min later (the app logs a new `version`),
 * then a 30 % 5xx ratio until a revert commit is deployed. The deploy is the first suspect, the
 * onset is the first 5xx, the revert deploy is the mitigation and recovery follows it.
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

const t0 = at('2026-04-14T14:00:00Z');
const badCommitTs = t0 + 17 * MINUTE;
const deployTs = t0 + 20 * MINUTE;
const errorsFrom = deployTs + 5 * SECOND;
const revertCommitTs = t0 + 28 * MINUTE;
const revertDeployTs = t0 + 29 * MINUTE + 40 * SECOND;
const errorsTo = revertDeployTs + 5 * SECOND;
const end = t0 + 40 * MINUTE;

const GOOD = '3435a216dbccea5e64ea6a97959c14c6ca901af4';
const BAD = '0464e7539fe5548f312f0dbdccae64eca5511d24';
const REVERT = 'e9acb7140ebeea9d1c24022641a245acf5868b50';
const SUBJECT = 'orders: show recent order history on the order page (#412)';

function build() {
  const ev = new Evidence(22);
  const version = (ts: number): string =>
    (ts < deployTs ? GOOD : ts < revertDeployTs ? BAD : REVERT).slice(0, 7);
  const pid = (ts: number): number => (ts < deployTs ? 100 : ts < revertDeployTs ? 200 : 300);
  ev.commit(t0 - 2 * 24 * 60 * MINUTE, GOOD, 'db: fail fast on a busy database');
  const badCommit = ev.commit(badCommitTs, BAD, SUBJECT, 'Dmitri Volkov');
  const revertCommit = ev.commit(revertCommitTs, REVERT, `Revert "${SUBJECT}"`, 'Erin Walsh');
  const listening: LogEvent[] = [];
  for (const ts of [t0, deployTs, revertDeployTs])
    listening.push(
      ev.app(ts, 'info', 'server listening', { version: version(ts), pid: pid(ts), port: 3001 }),
    );
  for (let ts = t0 + 5 * SECOND; ts < end; ts += 5 * SECOND)
    ev.app(ts, 'info', 'pool stats', { version: version(ts), pid: pid(ts), total: 10, idle: 8 });
  const appErrors: LogEvent[] = [];
  const requests = ev.traffic(t0, end, 40, (ts, rng) => {
    const failing = ts >= errorsFrom && ts < errorsTo && rng.next() < 0.3;
    if (failing)
      // The app logs the failure a few ms before nginx writes the response line.
      appErrors.push(
        ev.app(ts - 3, 'error', 'request failed', {
          version: version(ts),
          pid: pid(ts),
          'err.code': '53300',
          error: 'sorry, too many clients already',
        }),
      );
    return { status: failing ? 503 : 200, latencyMs: rng.logNormal(30, 0.3) };
  });
  // The page: Alertmanager notifies 10 s after the rule fired, repeats, then resolves.
  const alertStarts = errorsFrom + MINUTE;
  const alertEnds = errorsTo + 90 * SECOND;
  const alerts = [
    ev.alert(alertStarts + 10 * SECOND, 'ApiHighErrorRatio', 'firing', alertStarts),
    ev.alert(alertStarts + 4 * MINUTE, 'ApiHighErrorRatio', 'firing', alertStarts),
    ev.alert(alertEnds + 20 * SECOND, 'ApiHighErrorRatio', 'resolved', alertStarts, alertEnds),
  ];
  const events = ev.build();
  const first5xx = requests.find((e) => e.attrs.status === 503)!;
  const last5xx = requests.findLast((e) => e.attrs.status === 503)!;
  return {
    ev,
    analysis: analyze(events),
    badCommit,
    revertCommit,
    listening,
    first5xx,
    last5xx,
    firstAppError: appErrors[0]!,
    alerts,
    alertStarts,
    alertEnds,
  };
}

describe('error spike after a deploy', () => {
  const {
    ev,
    analysis,
    badCommit,
    revertCommit,
    listening,
    first5xx,
    last5xx,
    firstAppError,
    alerts,
    alertStarts,
    alertEnds,
  } = build();

  it('finds the deploy, linked to its commit', () => {
    const deploys = momentsOf(analysis, 'deploy');
    const deploy = deploys.find((m) => m.ts === deployTs);
    expect(deploy, story(analysis)).toBeDefined();
    expect(deploy!.source).toBe('app');
    expect(deploy!.data).toMatchObject({ version: BAD.slice(0, 7), sha: BAD, commit: SUBJECT });
    expect(deploy!.evidence).toEqual([ref(listening[1]!), ref(badCommit)]);
    // The first version the app logs is how the log begins, not a deploy.
    expect(deploys.some((m) => m.ts === t0)).toBe(false);
  });

  it('dates the onset within 30 s of the first 5xx, on an error line', () => {
    const onset = momentOf(analysis, 'onset');
    expect(onset, story(analysis)).toBeDefined();
    expect(Math.abs(onset!.ts - first5xx.ts)).toBeLessThanOrEqual(30 * SECOND);
    const e = ev.at(onset!.evidence[0]);
    expect([ref(first5xx), ref(firstAppError)]).toContainEqual(ref(e!));
    expect(momentsOf(analysis, 'first_error').map((m) => m.evidence[0])).toEqual(
      expect.arrayContaining([ref(first5xx), ref(firstAppError)]),
    );
  });

  it('ranks the deploy first among the suspects, the commit 3 min before it next', () => {
    const [first, second] = analysis.suspects;
    expect(first, JSON.stringify(analysis.suspects, null, 1)).toMatchObject({
      kind: 'deploy',
      ts: deployTs,
    });
    expect(first!.secondsBeforeOnset).toBeLessThanOrEqual(10);
    expect(second).toMatchObject({ kind: 'change', ts: badCommitTs, data: { sha: BAD } });
    expect(second!.evidence).toEqual([ref(badCommit)]);
    // A commit two days before the onset is history, not a suspect (the lookback is a day).
    expect(analysis.suspects.some((s) => s.data?.sha === GOOD)).toBe(false);
  });

  it('takes the deploy of the revert commit as the mitigation', () => {
    const mitigation = momentOf(analysis, 'mitigation');
    expect(mitigation, story(analysis)).toBeDefined();
    expect(mitigation!.ts).toBe(revertDeployTs);
    expect(mitigation!.data).toMatchObject({ action: 'deploy' });
    expect(mitigation!.evidence).toEqual([ref(listening[2]!), ref(revertCommit)]);
    expect(mitigation!.confidence).toBeGreaterThanOrEqual(0.9);
    const deploy = momentsOf(analysis, 'deploy').find((m) => m.ts === revertDeployTs);
    expect(deploy?.data).toMatchObject({ sha: REVERT, revert: true });
  });

  it('finds recovery after the errors stop, and the impact between', () => {
    const recovery = momentOf(analysis, 'recovery');
    expect(recovery, story(analysis)).toBeDefined();
    const bucketMs = analysis.window!.bucketMs;
    expect(recovery!.ts).toBeGreaterThan(last5xx.ts);
    expect(recovery!.ts).toBeLessThanOrEqual(last5xx.ts + 2 * bucketMs);
    expect(analysis.impact).toMatchObject({ source: 'nginx' });
    expect(analysis.impact!.errorRatio!).toBeGreaterThan(0.2);
    expect(analysis.mttx.points.mitigated).toMatchObject({ ts: revertDeployTs, how: 'mitigation' });
  });

  it('dates the page by the rule, once per episode, and detection from it', () => {
    const firing = momentsOf(analysis, 'alert_firing');
    expect(firing).toHaveLength(1);
    expect(firing[0]).toMatchObject({ ts: alertStarts, data: { alertname: 'ApiHighErrorRatio' } });
    expect(firing[0]!.evidence).toEqual([ref(alerts[0]!)]);
    const resolved = momentsOf(analysis, 'alert_resolved');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ ts: alertEnds, evidence: [ref(alerts[2]!)] });
    const onset = momentOf(analysis, 'onset')!;
    expect(analysis.mttx.points.detected).toMatchObject({ ts: alertStarts, how: 'alert_firing' });
    expect(analysis.mttx.timeToDetect).toBeCloseTo((alertStarts - onset.ts) / 1000, 0);
    // An alert notification is not an error of the system it is about.
    expect(momentsOf(analysis, 'first_error').map((m) => m.source)).not.toContain('alertmanager');
  });
});

describe('a rollback to the previous release', () => {
  // Deploy bbbbbbb at 10:20, errors, roll back to aaaaaaa (already seen) at 10:30. The old
  // process drains for 3 s after each switch, still logging its own version.
  const ev = new Evidence(9);
  const start = at('2026-08-01T10:00:00Z');
  const deploy = start + 20 * MINUTE;
  const rollback = start + 30 * MINUTE;
  const version = (ts: number): string => (ts < deploy || ts >= rollback ? 'aaaaaaa' : 'bbbbbbb');
  const pid = (ts: number): number => (ts < deploy ? 1 : ts < rollback ? 2 : 3);
  const starts = [start, deploy, rollback].map((ts) =>
    ev.app(ts, 'info', 'server listening', { version: version(ts), pid: pid(ts) }),
  );
  for (let ts = start + SECOND; ts < start + 45 * MINUTE; ts += 5 * SECOND)
    ev.app(ts, 'info', 'pool stats', { version: version(ts), pid: pid(ts) });
  for (const d of [deploy, rollback])
    for (let k = 1; k <= 3; k++)
      ev.app(d + k * SECOND, 'info', 'draining', { version: version(d - 1), pid: pid(d - 1) });
  ev.traffic(start, start + 45 * MINUTE, 20, (ts, rng) => ({
    status: ts >= deploy + 5 * SECOND && ts < rollback && rng.next() < 0.3 ? 500 : 200,
    latencyMs: rng.logNormal(30, 0.3),
  }));
  const analysis = analyze(ev.build());

  it('sees the deploy, and no deploy for the draining process', () => {
    expect(momentsOf(analysis, 'deploy').filter((m) => m.ts < rollback)).toEqual([
      expect.objectContaining({ ts: deploy, evidence: [ref(starts[1]!)] }),
    ]);
  });

  it('sees the rollback as a deploy and takes it as the mitigation', () => {
    const back = momentsOf(analysis, 'deploy').find((m) => m.ts === rollback);
    expect(back, story(analysis)).toMatchObject({ data: { version: 'aaaaaaa' } });
    expect(momentOf(analysis, 'mitigation')).toMatchObject({
      ts: rollback,
      data: { action: 'deploy' },
    });
  });
});
