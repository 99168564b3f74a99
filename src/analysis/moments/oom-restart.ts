/** OOM kills (kernel, container runtimes) and process starts after the first minute of a source. */
import type { LogEvent } from '../../core/event.js';
import { oneLine } from '../evidence.js';
import { evidenceOf, type Moment, type StreamDetector } from './moment.js';

const OOM = /\b(out of memory|oom[-_ ]?kill(?:ed|er)?|oomkilled|memory cgroup out of memory)\b/i;
const STARTED =
  /\b(server (?:is )?listening|listening on|ready to accept connections|started (?:server|application|service)|starting (?:server|application|service)|application started|startup complete|booting|started in \d|container \S+ restarted\b)/i;

/** Kernel lines of one OOM kill arrive together; these are one kill. */
const OOM_GROUP_MS = 5000;

export class OomRestartDetector implements StreamDetector {
  private readonly out: Moment[] = [];
  private readonly firstSeen = new Map<string, number>();
  private readonly pids = new Map<string, Set<number | string>>();
  private readonly lastOom = new Map<string, Moment>();

  add(e: LogEvent): void {
    const first = this.firstSeen.get(e.source);
    if (first === undefined) this.firstSeen.set(e.source, e.ts);
    if (typeof e.attrs.killedPid === 'number' || (e.level !== 'info' && OOM.test(e.message))) {
      this.oom(e);
      return;
    }
    if (!STARTED.test(e.message)) return;
    const pid = e.attrs.pid ?? e.attrs.pod ?? e.attrs.container;
    const seen = this.pids.get(e.source) ?? new Set();
    this.pids.set(e.source, seen);
    const fresh = pid === undefined || !seen.has(pid);
    if (pid !== undefined && typeof pid !== 'boolean') seen.add(pid);
    // A start in the source's first minute is how the log begins, not a restart.
    if (!fresh || first === undefined || e.ts - first < 60_000) return;
    this.out.push({
      kind: 'restart',
      ts: e.ts,
      source: e.source,
      confidence: pid === undefined ? 0.6 : 0.8,
      title: `${e.source} started${pid !== undefined ? ` (pid ${pid})` : ''}: ${oneLine(e.message, 100)}`,
      evidence: evidenceOf(e),
      data: pid !== undefined && typeof pid !== 'boolean' ? { pid } : {},
    });
  }

  /**
   * One kill is several kernel lines (`invoked oom-killer`, the task dump, `oom-kill:…`, `Out of
   * memory: Killed process`): lines of one source within a few seconds, naming no other pid, make
   * one moment, which takes the killed process from whichever line names it.
   */
  private oom(e: LogEvent): void {
    const pid = typeof e.attrs.killedPid === 'number' ? e.attrs.killedPid : undefined;
    // Kubernetes names the pod instead of a pid: two pods killed together are two kills.
    const owner = e.attrs.pod ?? e.attrs.container;
    const key = typeof owner === 'string' ? `${e.source}\u0000${owner}` : e.source;
    const last = this.lastOom.get(key);
    if (
      last &&
      e.ts - last.ts <= OOM_GROUP_MS &&
      (pid === undefined || last.data!.pid === undefined || last.data!.pid === pid)
    ) {
      if (last.evidence.length < 4) last.evidence.push({ file: e.file, line: e.line });
      if (pid !== undefined && last.data!.pid === undefined) this.describe(last, e);
      return;
    }
    const m: Moment = {
      kind: 'oom_kill',
      ts: e.ts,
      source: e.source,
      confidence: 0.7,
      title: `OOM kill in ${e.source}: ${oneLine(e.message, 100)}`,
      evidence: evidenceOf(e),
      data: {},
    };
    if (typeof e.attrs.pod === 'string') m.data!.pod = e.attrs.pod;
    if (typeof e.attrs.container === 'string') m.data!.container = e.attrs.container;
    if (pid !== undefined) this.describe(m, e);
    this.lastOom.set(key, m);
    this.out.push(m);
  }

  private describe(m: Moment, e: LogEvent): void {
    const data = m.data!;
    if (typeof e.attrs.killedPid === 'number') data.pid = e.attrs.killedPid;
    if (typeof e.attrs.killedProcess === 'string') data.process = e.attrs.killedProcess;
    if (typeof e.attrs.memoryKb === 'number') data.memoryKb = e.attrs.memoryKb;
    m.confidence = 1;
    m.title = `OOM kill in ${e.source}: ${data.process ?? 'process'}${data.pid !== undefined ? ` (pid ${data.pid})` : ''}`;
  }

  finish(): Moment[] {
    return this.out;
  }
}
