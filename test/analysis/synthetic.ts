/**
 * A deterministic generator of evidence for analysis tests: a seeded PRNG and makers for the
 * events real formats produce (attribute names as src/ingest/formats/*.ts write them), so a test
 * can build the incident the real data lacks and know exactly which line shows what.
 */
import type { Attrs, LogEvent } from '../../src/core/event.js';
import type { Level } from '../../src/core/level.js';
import { levelFromHttpStatus } from '../../src/core/level.js';
import { Analyzer, type Analysis, type AnalyzeOptions } from '../../src/analysis/analyze.js';
import type { Moment, MomentKind } from '../../src/analysis/moments/moment.js';
import type { EvidenceRef } from '../../src/analysis/evidence.js';
import { newMiner } from '../../src/pipeline/analyze-incident.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Mulberry32: small, fast, and the same sequence on every machine for a seed. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with this median and log-spread. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(this.next() * 16)];
    return s;
  }

  /** A word of letters that the template miner keeps as a literal (no digits, not hex-only). */
  word(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += 'ghijklmnopqrstuvwxyz'[Math.floor(this.next() * 20)];
    return s;
  }
}

export const iso = (ts: number): string => new Date(ts).toISOString();
export const at = (text: string): number => Date.parse(text);

interface EventInit {
  ts: number;
  source: string;
  format: string;
  level: Level;
  message: string;
  attrs?: Attrs;
  file?: string;
}

const FILES: Record<string, string> = {
  nginx: 'nginx/access.log',
  app: 'app/app.log',
  postgres: 'postgres/postgresql.log',
  kernel: 'kernel/kern.log',
  git: 'git/git-log.txt',
  alertmanager: 'alertmanager/alerts.jsonl',
};

/**
 * Collects generated events; `build()` sorts them by time (stable, so ties keep the order they
 * were made in) and numbers the lines of each file in that order, as a file written in time order
 * would have them. Makers return the event itself: after `build()` its `file`/`line` are the
 * evidence a finding about it must point at.
 */
export class Evidence {
  private readonly made: LogEvent[] = [];
  private built: LogEvent[] | undefined;
  readonly rng: Rng;

  constructor(seed = 1) {
    this.rng = new Rng(seed);
  }

  event(init: EventInit): LogEvent {
    if (this.built) throw new Error('Evidence already built');
    const file = init.file ?? FILES[init.source] ?? `${init.source}.log`;
    const e: LogEvent = {
      ts: init.ts,
      tsText: iso(init.ts),
      zoned: true,
      source: init.source,
      file,
      line: 0,
      offset: 0,
      level: init.level,
      message: init.message,
      attrs: init.attrs ?? {},
      raw: init.message,
      format: init.format,
    };
    this.made.push(e);
    return e;
  }

  /** An nginx access line (format `access`); the level follows the status as the parser's does. */
  access(
    ts: number,
    a: {
      status: number;
      method?: string;
      path?: string;
      latencyMs: number;
      clientIp?: string;
      requestId?: string | null;
    },
    source = 'nginx',
  ): LogEvent {
    const method = a.method ?? 'GET';
    const path = a.path ?? `/api/products/${this.rng.int(1, 20000)}`;
    const attrs: Attrs = {
      clientIp: a.clientIp ?? `203.0.113.${this.rng.int(1, 254)}`,
      method,
      path,
      protocol: 'HTTP/1.1',
      status: a.status,
      bytes: this.rng.int(100, 4000),
      latencyMs: Math.round(a.latencyMs),
    };
    if (a.requestId !== null) attrs.requestId = a.requestId ?? this.rng.hex(32);
    return this.event({
      ts,
      source,
      format: 'access',
      level: levelFromHttpStatus(a.status),
      message: `"${method} ${path} HTTP/1.1" ${a.status}`,
      attrs,
    });
  }

  /** A JSON line of an application (pino-like, format `json`). */
  app(ts: number, level: Level, msg: string, attrs: Attrs = {}, source = 'app'): LogEvent {
    return this.event({
      ts,
      source,
      format: 'json',
      level,
      message: msg,
      attrs: { host: 'api-1', service: 'shop-api', ...attrs },
    });
  }

  /** A PostgreSQL `duration:` line of `log_min_duration_statement`. */
  pgDuration(ts: number, durationMs: number, statement: string, pid = 4242): LogEvent {
    return this.event({
      ts,
      source: 'postgres',
      format: 'postgres',
      level: 'info',
      message: `duration: ${durationMs.toFixed(3)} ms  execute <unnamed>: ${statement}`,
      attrs: { pid, user: 'shop', database: 'shop', pgSeverity: 'LOG', durationMs, statement },
    });
  }

  /** A kernel OOM kill as the kernel/dmesg readers give it. */
  oomKill(ts: number, killedPid: number, killedProcess: string, memoryKb = 2_097_152): LogEvent {
    return this.event({
      ts,
      source: 'kernel',
      format: 'dmesg',
      level: 'error',
      message: `Out of memory: Killed process ${killedPid} (${killedProcess}) total-vm:${memoryKb * 2}kB, anon-rss:${memoryKb}kB, file-rss:0kB, shmem-rss:0kB`,
      attrs: { oom: true, killedPid, killedProcess, memoryKb, totalVmKb: memoryKb * 2 },
    });
  }

  /** A commit of `git log` (format `git-log`); `ts` is its commit time. */
  commit(ts: number, sha: string, subject: string, author = 'Dana Lee'): LogEvent {
    const attrs: Attrs = { sha, author, authorDate: iso(ts), commitDate: iso(ts) };
    if (/^revert\b/i.test(subject)) attrs.revert = true;
    return this.event({
      ts,
      source: 'git',
      format: 'git-log',
      level: 'notice',
      message: subject,
      attrs,
    });
  }

  /** An Alertmanager webhook notification (format `alertmanager`), received at `ts`. */
  alert(
    ts: number,
    alertname: string,
    alertStatus: 'firing' | 'resolved',
    alertStartsAt: number,
    alertEndsAt?: number,
  ): LogEvent {
    const attrs: Attrs = {
      alertname,
      alertStatus,
      severity: 'page',
      alertStartsAt: iso(alertStartsAt),
    };
    if (alertEndsAt !== undefined) attrs.alertEndsAt = iso(alertEndsAt);
    return this.event({
      ts,
      source: 'alertmanager',
      format: 'alertmanager',
      level: alertStatus === 'firing' ? 'critical' : 'info',
      message: `${alertStatus.toUpperCase()} ${alertname} (page)`,
      attrs,
    });
  }

  /**
   * Requests at a steady `rps` over [from, to) with jittered spacing; `shape` picks each one's
   * status and latency from its time.
   */
  traffic(
    from: number,
    to: number,
    rps: number,
    shape: (ts: number, rng: Rng) => { status: number; latencyMs: number; requestId?: null },
    source = 'nginx',
  ): LogEvent[] {
    const out: LogEvent[] = [];
    const step = SECOND / rps;
    for (let t = from; t < to; t += step) {
      const ts = Math.floor(t + this.rng.next() * step);
      if (ts >= to) break;
      out.push(this.access(ts, shape(ts, this.rng), source));
    }
    return out;
  }

  /** Every event, sorted by time, lines numbered per file. */
  build(): LogEvent[] {
    if (this.built) return this.built;
    const sorted = this.made
      .map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.ts - b.e.ts || a.i - b.i)
      .map(({ e }) => e);
    const lines = new Map<string, number>();
    for (const e of sorted) {
      const n = (lines.get(e.file) ?? 0) + 1;
      lines.set(e.file, n);
      e.line = n;
    }
    this.built = sorted;
    return sorted;
  }

  /** The event a finding points at. */
  at(ref: EvidenceRef | undefined): LogEvent | undefined {
    if (!ref) return undefined;
    return this.build().find((e) => e.file === ref.file && e.line === ref.line);
  }
}

/** Feeds events in order to an `Analyzer` with the template miner the CLI uses. */
export function analyze(events: readonly LogEvent[], options: AnalyzeOptions = {}): Analysis {
  const a = new Analyzer({ newMiner, ...options });
  for (const e of events) a.add(e);
  return a.finish();
}

export function momentsOf(analysis: Analysis, kind: MomentKind): Moment[] {
  return analysis.moments.filter((m) => m.kind === kind);
}

export function momentOf(analysis: Analysis, kind: MomentKind): Moment | undefined {
  return analysis.moments.find((m) => m.kind === kind);
}

/** `{file, line}` of an event, the shape evidence takes. */
export function ref(e: LogEvent): EvidenceRef {
  return { file: e.file, line: e.line };
}

/** A readable list of moments for failure messages. */
export function story(analysis: Analysis): string {
  return analysis.moments.map((m) => `${iso(m.ts)} ${m.kind} ${m.source}: ${m.title}`).join('\n');
}
