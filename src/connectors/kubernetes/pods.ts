/** Which pods a source names: a label selector, a deployment's selector, or names. */
import { AftermathError } from '../../errors.js';
import type { CollectContext } from '../connector.js';
import { itemsOf, kubeJson, type KubeObject } from './kube-json.js';
import { kubectlBase, type KubernetesOptions } from './options.js';

interface Requirement {
  key?: string;
  operator?: string;
  values?: string[];
}

/** A LabelSelector object (`matchLabels`, `matchExpressions`) as the `-l` text kubectl takes. */
export function selectorText(sel: {
  matchLabels?: Record<string, string>;
  matchExpressions?: Requirement[];
}): string {
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of sel.matchExpressions ?? []) {
    const values = (r.values ?? []).join(',');
    switch (r.operator) {
      case 'In':
        parts.push(`${r.key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${r.key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(String(r.key));
        break;
      case 'DoesNotExist':
        parts.push(`!${r.key}`);
        break;
      default:
        throw new AftermathError(
          'kubectl',
          `label selector operator "${r.operator}" is unknown; expected In, NotIn, Exists or DoesNotExist`,
        );
    }
  }
  return parts.join(',');
}

/** The pods, or a gap per pod name that could not be read. */
export async function resolvePods(
  ctx: CollectContext,
  o: KubernetesOptions,
): Promise<KubeObject[]> {
  const base = kubectlBase(o);
  if (o.pods) {
    const out: KubeObject[] = [];
    for (const name of o.pods) {
      try {
        out.push(...itemsOf(await kubeJson(ctx, [...base, 'get', 'pod', name, '-o', 'json'])));
      } catch (err) {
        if (!(err instanceof AftermathError)) throw err;
        ctx.gap(`pod ${name}: ${err.message}`, { pod: name });
      }
    }
    return out;
  }
  let selector = o.selector;
  if (o.deployment !== undefined) {
    const d = await kubeJson(ctx, [...base, 'get', 'deployment', o.deployment, '-o', 'json']);
    const spec = d.spec as { selector?: Parameters<typeof selectorText>[0] } | undefined;
    selector = spec?.selector ? selectorText(spec.selector) : '';
    if (selector === '') {
      throw new AftermathError('kubectl', `deployment ${o.deployment} has no spec.selector`);
    }
  }
  return itemsOf(await kubeJson(ctx, [...base, 'get', 'pods', '-l', selector!, '-o', 'json']));
}
