/**
 * `type: kubernetes`: the logs of a selector's, deployment's or named pods (`kubectl logs
 * --timestamps`, also `--previous`), the namespace's events and the pods' container terminations
 * and restarts, for the window.
 */
import { diagnostic } from '../../core/diagnostic.js';
import { AftermathError } from '../../errors.js';
import { defineConnector, type CollectContext } from '../connector.js';
import { eventRecords, podStatusRecords, type EventRecord } from './events.js';
import { itemsOf, kubeJson, type KubeObject } from './kube-json.js';
import { kubectlBase, KubernetesOptions } from './options.js';
import { collectPodLogs, MAX_LINE_CHARS, type Counter } from './pod-logs.js';
import { resolvePods } from './pods.js';

export const EVENTS_FILE = 'events.jsonl';

async function collectEvents(
  ctx: CollectContext,
  o: KubernetesOptions,
  pods: readonly KubeObject[],
  counter: Counter,
): Promise<void> {
  const records: EventRecord[] = [];
  for (const pod of pods) records.push(...podStatusRecords(pod, ctx.window));
  try {
    const doc = await kubeJson(ctx, [...kubectlBase(o), 'get', 'events', '-o', 'json']);
    for (const e of itemsOf(doc)) records.push(...eventRecords(e, ctx.window));
  } catch (err) {
    if (!(err instanceof AftermathError)) throw err;
    ctx.gap(`events: ${err.message}`);
  }
  if (records.length === 0) return;
  // The json format reads a file in time order; kubectl lists events by name.
  records.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  const out = ctx.open(EVENTS_FILE, 'json');
  for (const r of records) {
    ctx.progress(counter.items + 1);
    counter.items++;
    await out.json(r);
  }
}

export const kubernetes = defineConnector<KubernetesOptions>({
  id: 'kubernetes',
  description: 'pod logs (kubectl logs --timestamps, --previous), events and container restarts',
  options: KubernetesOptions,
  describe(o) {
    const which =
      o.selector !== undefined
        ? `-l ${o.selector}`
        : o.deployment !== undefined
          ? `deployment/${o.deployment}`
          : `pods ${o.pods!.join(',')}`;
    return [
      ...kubectlBase(o),
      'logs',
      which,
      ...(o.container !== undefined ? ['-c', o.container] : []),
      ...(o.previous ? ['--previous'] : []),
      ...(o.events ? ['+ events'] : []),
    ].join(' ');
  },
  async collect(ctx, o) {
    const counter: Counter = { items: 0, cut: 0 };
    const pods = await resolvePods(ctx, o);
    if (pods.length === 0) {
      ctx.gap(`no pods matched (${o.selector ?? o.deployment ?? o.pods?.join(',')})`, { pods: 0 });
    }
    await collectPodLogs(ctx, o, pods, counter);
    if (counter.cut > 0) {
      ctx.report(
        diagnostic(
          'collect/kubernetes-cut',
          ctx.source,
          'info',
          `${ctx.source}: cut ${counter.cut} log line(s) longer than ${MAX_LINE_CHARS} characters`,
          { data: { lines: counter.cut } },
        ),
      );
    }
    if (o.events) await collectEvents(ctx, o, pods, counter);
  },
});
