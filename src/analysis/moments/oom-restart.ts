/** OOM kills (kernel, container runtimes) and process starts after the first minute of a source. */
import type { LogEvent } from '../../core/event.js';
import { oneLine } from '../evidence.js';
import { evidenceOf, type Moment, type StreamDetector } from './moment.js';

const OOM = /\b(out of memory|oom[-_ ]?kill(?:ed|er)?|oomkilled|memory cgroup out of memory)\b/i;
const STARTED =
  /\b(server (?:is )?listening|listening on|ready to accept connections|started (?:server|application|service)|starting (?:server|application|service)|application started|startup complete|booting|started in \d)/i;

export class OomRestartDetector implements StreamDetector {
  private readonly out: Moment[] = [];
  private readonly firstSeen = new Map<string, number>();
  private readonly pids = new Map<string, Set<number | string>>();

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

  private oom(e: LogEvent): void {
    const data: Record<string, string | number> = {};
    if (typeof e.attrs.killedPid === 'number') data.pid = e.attrs.killedPid;
    if (typeof e.attrs.killedProcess === 'string') data.process = e.attrs.killedProcess;
    if (typeof e.attrs.memoryKb === 'number') data.memoryKb = e.attrs.memoryKb;
    const who = data.process
      ? `${data.process}${data.pid ? ` (pid ${data.pid})` : ''}`
      : oneLine(e.message, 100);
    this.out.push({
      kind: 'oom_kill',
      ts: e.ts,
      source: e.source,
      confidence: typeof e.attrs.killedPid === 'number' ? 1 : 0.7,
      title: `OOM kill in ${e.source}: ${who}`,
      evidence: evidenceOf(e),
      data,
    });
  }

  finish(): Moment[] {
    return this.out;
  }
}
