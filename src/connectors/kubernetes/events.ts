/**
 * Kubernetes events (`kubectl get events -o json`) as JSON lines the `json` format reads: time,
 * level, msg, and the involved object, reason and count kept as attributes.
 */
import type { Window } from '../connector.js';
import type { KubeObject } from './kube-json.js';

/** One line of `events.jsonl`. */
export interface EventRecord {
  time: string;
  level: 'info' | 'warning' | 'error';
  msg: string;
  [key: string]: unknown;
}

interface CoreEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
  involvedObject?: { kind?: string; name?: string; namespace?: string; fieldPath?: string };
  regarding?: { kind?: string; name?: string; namespace?: string; fieldPath?: string };
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  metadata?: { namespace?: string };
}

const ms = (t: string | null | undefined): number | undefined => {
  if (!t) return undefined;
  const v = Date.parse(t);
  return Number.isNaN(v) ? undefined : v;
};
const iso = (t: number): string => new Date(t).toISOString();

/** `spec.containers{api}` → `api`: the container an event is about. */
function containerOf(fieldPath: string | undefined): string | undefined {
  const m = /^spec\.(?:init)?[cC]ontainers\{([^}]+)\}$/.exec(fieldPath ?? '');
  return m?.[1];
}

/**
 * The lines for one event: its first occurrence and, for a repeated one, its last, each where it
 * falls inside the window; an event repeating across the whole window is one line at its start.
 */
export function eventRecords(raw: KubeObject, w: Window): EventRecord[] {
  const e = raw as CoreEvent;
  const first = ms(e.firstTimestamp) ?? ms(e.eventTime) ?? ms(e.lastTimestamp);
  if (first === undefined) return [];
  const last = ms(e.series?.lastObservedTime) ?? ms(e.lastTimestamp) ?? first;
  if (first >= w.until || last < w.since) return [];
  const count = e.series?.count ?? e.count ?? 1;
  const obj = e.involvedObject ?? e.regarding ?? {};
  const who = `${obj.kind ?? 'Object'}/${obj.name ?? '?'}`;
  const text = `${who} ${e.reason ?? 'Event'}: ${(e.message ?? '').trim()}`;
  const attrs: Record<string, unknown> = {
    kind: 'k8s-event',
    reason: e.reason,
    type: e.type,
    count,
    involvedObject: { kind: obj.kind, name: obj.name, fieldPath: obj.fieldPath },
    namespace: obj.namespace ?? e.metadata?.namespace,
    firstTimestamp: iso(first),
    lastTimestamp: iso(last),
  };
  if (obj.kind === 'Pod') attrs.pod = obj.name;
  const container = containerOf(obj.fieldPath);
  if (container !== undefined) attrs.container = container;
  const component = e.source?.component ?? e.reportingComponent;
  if (component) attrs.component = component;
  if (e.source?.host) attrs.node = e.source.host;
  const level = e.type === 'Warning' ? 'warning' : 'info';
  const inWindow = (t: number): boolean => t >= w.since && t < w.until;
  const out: EventRecord[] = [];
  if (inWindow(first)) out.push({ time: iso(first), level, msg: text, ...attrs });
  if (last !== first && inWindow(last)) {
    out.push({ time: iso(last), level, msg: `${text} (last of ${count})`, ...attrs });
  }
  if (out.length === 0) {
    out.push({
      time: iso(w.since),
      level,
      msg: `${text} (repeating, ${count} times from ${iso(first)} to ${iso(last)})`,
      ...attrs,
    });
  }
  return out;
}

interface Terminated {
  reason?: string;
  exitCode?: number;
  startedAt?: string;
  finishedAt?: string;
}
interface ContainerStatus {
  name?: string;
  restartCount?: number;
  state?: { terminated?: Terminated; running?: { startedAt?: string } };
  lastState?: { terminated?: Terminated };
}

/**
 * Container terminations (OOMKilled, errors) and restarts from a pod's status, which outlive the
 * events about them (events are kept an hour by default).
 */
export function podStatusRecords(pod: KubeObject, w: Window): EventRecord[] {
  const name = pod.metadata?.name ?? '?';
  const namespace = pod.metadata?.namespace;
  const status = pod.status as
    | { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] }
    | undefined;
  const out: EventRecord[] = [];
  for (const s of [
    ...(status?.initContainerStatuses ?? []),
    ...(status?.containerStatuses ?? []),
  ]) {
    const base = {
      kind: 'k8s-container-status',
      pod: name,
      namespace,
      container: s.name,
      restartCount: s.restartCount ?? 0,
    };
    const seen = new Set<string>();
    for (const t of [s.lastState?.terminated, s.state?.terminated]) {
      const at = ms(t?.finishedAt);
      if (!t || at === undefined || at < w.since || at >= w.until || seen.has(t.finishedAt!))
        continue;
      seen.add(t.finishedAt!);
      const reason = t.reason ?? 'Terminated';
      const oom = reason === 'OOMKilled';
      out.push({
        time: iso(at),
        level: oom ? 'error' : t.exitCode === 0 ? 'info' : 'warning',
        msg: `Pod/${name} container ${s.name ?? '?'} terminated: ${reason} (exit code ${t.exitCode ?? '?'}), restart count ${s.restartCount ?? 0}`,
        ...base,
        reason,
        exitCode: t.exitCode,
        startedAt: t.startedAt,
        finishedAt: t.finishedAt,
      });
    }
    const started = ms(s.state?.running?.startedAt);
    if (
      started !== undefined &&
      (s.restartCount ?? 0) > 0 &&
      started >= w.since &&
      started < w.until
    ) {
      out.push({
        time: iso(started),
        level: 'info',
        msg: `Pod/${name} container ${s.name ?? '?'} restarted (restart count ${s.restartCount})`,
        ...base,
        reason: 'Restarted',
      });
    }
  }
  return out;
}
