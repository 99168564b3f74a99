/** `kubectl logs --timestamps` of each container of each pod, cut to the window, one file each. */
import { AftermathError } from '../../errors.js';
import type { CollectContext } from '../connector.js';
import type { SnapshotWriter } from '../snapshot.js';
import type { KubeObject } from './kube-json.js';
import { logLineMs, sinceTime } from './log-time.js';
import { kubectlBase, type KubernetesOptions } from './options.js';

interface ContainerStatus {
  name?: string;
  restartCount?: number;
  lastState?: { terminated?: { finishedAt?: string } };
}

/** The containers to read: the one asked for, else every container of the pod spec. */
function containersOf(pod: KubeObject, only: string | undefined): string[] {
  const spec = pod.spec as { containers?: { name?: string }[] } | undefined;
  const names = (spec?.containers ?? []).flatMap((c) => (c.name ? [c.name] : []));
  return only === undefined ? names : names.filter((n) => n === only);
}

/**
 * Whether the container has a previous instance whose logs may reach into the window: one that
 * terminated (kubectl fails for the others, which is no gap) at or after the window's start.
 */
function hasPrevious(pod: KubeObject, container: string, since: number): boolean {
  const status = pod.status as { containerStatuses?: ContainerStatus[] } | undefined;
  const s = status?.containerStatuses?.find((c) => c.name === container);
  if (!s) return false;
  const finished = s.lastState?.terminated?.finishedAt;
  if (finished !== undefined) return !(Date.parse(finished) < since);
  return (s.restartCount ?? 0) > 0;
}

/** Lines longer than this are cut to {@link KEEP_CHARS}: the ingest would cut them anyway. */
export const MAX_LINE_CHARS = 256 * 1024;
const KEEP_CHARS = 64 * 1024;

/** Counts over all files of the source: items for the progress and the item limit, lines cut. */
export interface Counter {
  items: number;
  cut: number;
}

async function oneLog(
  ctx: CollectContext,
  argv: string[],
  file: string,
  counter: Counter,
): Promise<number> {
  let out: SnapshotWriter | undefined;
  let kept = 0;
  let inWindow = false;
  for await (const line of ctx.run(argv, { signal: ctx.signal })) {
    const ms = logLineMs(line);
    if (ms !== undefined) {
      // kubelet writes a container's lines in order: the first at/after `until` ends the log.
      if (ms >= ctx.window.until) break;
      inWindow = ms >= ctx.window.since;
    }
    // A line without a time (none should come with --timestamps) goes with the one before it.
    if (!inWindow) continue;
    ctx.progress(counter.items + 1);
    counter.items++;
    kept++;
    out ??= ctx.open(file, 'kubectl');
    if (line.length > MAX_LINE_CHARS) {
      counter.cut++;
      await out.line(line.slice(0, KEEP_CHARS) + '…');
    } else await out.line(line);
  }
  return kept;
}

/** Every pod's logs; a pod or container whose logs fail is a gap, the others go on. */
export async function collectPodLogs(
  ctx: CollectContext,
  o: KubernetesOptions,
  pods: readonly KubeObject[],
  counter: Counter,
): Promise<void> {
  const base = kubectlBase(o);
  const since = `--since-time=${sinceTime(ctx.window.since)}`;
  for (const pod of pods) {
    const name = pod.metadata?.name;
    if (!name) continue;
    const containers = containersOf(pod, o.container);
    if (containers.length === 0 && o.container !== undefined) {
      ctx.gap(`pod ${name} has no container "${o.container}"`, { pod: name });
    }
    for (const c of containers) {
      const runs: [string[], string][] = [
        [[...base, 'logs', name, '-c', c, '--timestamps', since], `logs/${name}/${c}.log`],
      ];
      if (o.previous && hasPrevious(pod, c, ctx.window.since)) {
        runs.push([
          [...base, 'logs', name, '-c', c, '--timestamps', since, '--previous'],
          `logs/${name}/${c}-previous.log`,
        ]);
      }
      for (const [argv, file] of runs) {
        ctx.signal.throwIfAborted();
        try {
          await oneLog(ctx, argv, file, counter);
        } catch (err) {
          if (!(err instanceof AftermathError)) throw err;
          ctx.gap(`logs of ${file.slice(5, -4)}: ${err.message}`, { pod: name, container: c });
        }
      }
    }
  }
}
