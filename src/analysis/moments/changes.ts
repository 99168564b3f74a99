/**
 * Changes: git commits, cloud API calls that changed something (CloudTrail), new release versions
 * appearing in a log (a deploy), lines that say they deploy or roll back, and configuration
 * reloads. A version that matches a commit's sha is linked to it, so a rollback to a revert commit
 * reads as one.
 */
import type { LogEvent } from '../../core/event.js';
import { oneLine } from '../evidence.js';
import { evidenceOf, type Moment, type StreamDetector } from './moment.js';

const VERSION_KEYS = [
  'version',
  'service.version',
  'app.version',
  'release',
  'build',
  'git_sha',
  'commit',
];
// Verbs of deploying, not the bare word: `user deploy` logging in is no deploy.
const DEPLOY =
  /\b(deployed|deploying|deployment (?:started|finished|complete[d]?|succeeded|of)|re-?deploy(?:ed|ing)|roll(?:ed|ing) (?:out|back)|rollout (?:started|complete[d]?|of)|rollback (?:started|complete[d]?|to|of)|upgrad(?:ed|ing) to)\b/i;
/** Deploy lines reported per source at most: beyond that they are routine, and only counted. */
const MAX_DEPLOY_LINES = 10;
const RELOAD =
  /\b(reconfiguring|reload(?:ed|ing)? (?:config|configuration)|configuration reloaded|SIGHUP)\b/i;
const REVERT = /^revert\b/i;
/** Repeats of one cloud API call closer than this are one change. */
const API_REPEAT_MS = 5 * 60_000;
/** Cloud API changes reported per source at most (an account's automation never sleeps). */
const MAX_API_CHANGES = 200;
/** Reload lines this close together are one reload. */
const RELOAD_GAP_MS = 10_000;

interface Commit {
  sha: string;
  subject: string;
  ts: number;
  file: string;
  line: number;
}

export class ChangeDetector implements StreamDetector {
  private readonly out: Moment[] = [];
  private readonly commits: Commit[] = [];
  /** Per source: versions seen, the instances seen, and the version the newest instance runs. */
  private readonly versions = new Map<
    string,
    { seen: Set<string>; instances: Set<string>; current: string }
  >();
  private readonly lastReload = new Map<string, number>();
  private readonly deployLines = new Map<string, number>();
  /** The last change each cloud API call (by source, service, name and caller) made. */
  private readonly lastCall = new Map<string, { ts: number; title: string; moment: Moment }>();
  private readonly apiCalls = new Map<string, number>();

  add(e: LogEvent): void {
    if (e.format === 'git-log' && typeof e.attrs.sha === 'string') {
      this.commit(e, e.attrs.sha);
      return;
    }
    if (e.format === 'cloudtrail') {
      if (e.attrs.mutating === true && e.attrs.errorCode === undefined) this.apiCall(e);
      return;
    }
    if (e.format === 'alertmanager') return;
    const version = versionOf(e);
    if (version !== undefined && this.version(e, version)) return;
    if (e.message.length < 400 && DEPLOY.test(e.message)) {
      const n = (this.deployLines.get(e.source) ?? 0) + 1;
      this.deployLines.set(e.source, n);
      if (n > MAX_DEPLOY_LINES) return;
      this.out.push({
        kind: 'deploy',
        ts: e.ts,
        source: e.source,
        confidence: 0.6,
        title: `${e.source}: ${oneLine(e.message, 120)}`,
        evidence: evidenceOf(e),
      });
    } else if (RELOAD.test(e.message)) {
      const last = this.lastReload.get(e.source);
      this.lastReload.set(e.source, e.ts);
      if (last !== undefined && e.ts - last < RELOAD_GAP_MS) return;
      this.out.push({
        kind: 'config_reload',
        ts: e.ts,
        source: e.source,
        confidence: 0.6,
        title: `${e.source} reloaded its configuration: ${oneLine(e.message, 100)}`,
        evidence: evidenceOf(e),
      });
    }
  }

  /**
   * A deploy is a new instance (pid, pod, host) of a source starting on another version than the
   * instance before it; while an old instance drains, its lines keep the old version and change
   * nothing. A version seen before is a rollback. Without instance attributes, any change of
   * version counts.
   */
  private version(e: LogEvent, version: string): boolean {
    const instanceOf = e.attrs.pid ?? e.attrs.pod ?? e.attrs.container ?? e.attrs.host;
    const instance = instanceOf === undefined ? undefined : String(instanceOf);
    const state = this.versions.get(e.source);
    if (!state) {
      this.versions.set(e.source, {
        seen: new Set([version]),
        instances: new Set(instance === undefined ? [] : [instance]),
        current: version,
      });
      return false;
    }
    if (instance !== undefined) {
      if (state.instances.has(instance)) return false;
      state.instances.add(instance);
    }
    if (version === state.current) return false;
    const rollback = state.seen.has(version);
    state.seen.add(version);
    state.current = version;
    this.out.push({
      kind: 'deploy',
      ts: e.ts,
      source: e.source,
      confidence: 0.9,
      title: `${e.source} runs ${rollback ? 'an earlier' : 'a new'} version ${version}`,
      evidence: evidenceOf(e),
      data: rollback ? { version, rollback: true } : { version },
    });
    return true;
  }

  /**
   * A cloud API call that changed something (CloudTrail). Repeats of one call by one caller within
   * API_REPEAT_MS are one change with a count: autoscaling and controllers repeat theirs.
   */
  private apiCall(e: LogEvent): void {
    const service = String(e.attrs.eventSource).replace(/\.amazonaws\.com$/, '');
    const api = String(e.attrs.eventName);
    const actor = typeof e.attrs.actor === 'string' ? e.attrs.actor : undefined;
    const key = `${e.source}\0${service}\0${api}\0${actor ?? ''}`;
    const last = this.lastCall.get(key);
    if (last !== undefined && e.ts - last.ts < API_REPEAT_MS) {
      const count = (last.moment.data!.count as number) + 1;
      last.moment.data!.count = count;
      last.moment.title = `${last.title} (×${count})`;
      last.ts = e.ts;
      return;
    }
    const calls = (this.apiCalls.get(e.source) ?? 0) + 1;
    this.apiCalls.set(e.source, calls);
    if (calls > MAX_API_CHANGES) return;
    // What changed, not who changed it: the caller stays in the data and the evidence.
    const target = typeof e.attrs.resources === 'string' ? resourceName(e.attrs.resources) : '';
    const title = `${service} ${api}${target !== '' ? ` on ${target}` : ''}`;
    const data: Record<string, string | number | boolean> = { api, service, count: 1 };
    if (actor !== undefined) data.actor = actor;
    if (typeof e.attrs.resources === 'string') data.resources = e.attrs.resources;
    const moment: Moment = {
      kind: 'change',
      ts: e.ts,
      source: e.source,
      confidence: 0.8,
      title,
      evidence: evidenceOf(e),
      data,
    };
    this.out.push(moment);
    this.lastCall.set(key, { ts: e.ts, title, moment });
  }

  private commit(e: LogEvent, sha: string): void {
    const subject = oneLine(e.message, 120);
    this.commits.push({ sha, subject, ts: e.ts, file: e.file, line: e.line });
    const data: Record<string, string | number | boolean> = { sha };
    if (typeof e.attrs.author === 'string') data.author = e.attrs.author;
    if (REVERT.test(subject)) data.revert = true;
    this.out.push({
      kind: 'change',
      ts: e.ts,
      source: e.source,
      confidence: 1,
      title: `commit ${sha.slice(0, 7)}: ${subject}`,
      evidence: evidenceOf(e),
      data,
    });
  }

  finish(): Moment[] {
    // Link deployed versions to the commits they name.
    for (const m of this.out) {
      const version = m.kind === 'deploy' ? m.data?.version : undefined;
      if (typeof version !== 'string' || version.length < 7) continue;
      const c = this.commits.find((c) => c.sha.startsWith(version.toLowerCase()));
      if (!c) continue;
      m.data!.sha = c.sha;
      m.data!.commit = c.subject;
      if (REVERT.test(c.subject)) m.data!.revert = true;
      m.title += ` (commit ${c.sha.slice(0, 7)}: ${c.subject})`;
      m.evidence.push({ file: c.file, line: c.line });
    }
    return this.out;
  }
}

/** `arn:aws:rds:eu-west-1:1111:pg:shop-pg15 …` → `shop-pg15`: the first resource's own name. */
function resourceName(arns: string): string {
  const first = arns.split(' ')[0]!;
  return first.slice(Math.max(first.lastIndexOf(':'), first.lastIndexOf('/')) + 1);
}

function versionOf(e: LogEvent): string | undefined {
  for (const k of VERSION_KEYS) {
    const v = e.attrs[k];
    if (typeof v === 'string' && v.length > 0 && v.length <= 64) return v;
  }
  return undefined;
}
