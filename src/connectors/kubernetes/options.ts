/** The options of a `type: kubernetes` source in aftermath.yaml. */
import { z } from 'zod';

export const KubernetesOptions = z
  .strictObject({
    /** The namespace of the pods and events; the kube context's when absent. */
    namespace: z.string().min(1).optional(),
    /** A label selector (`app=shop-api,tier!=canary`) naming the pods. */
    selector: z.string().min(1).optional(),
    /** A deployment whose own selector names the pods. */
    deployment: z.string().min(1).optional(),
    /** Pod names. */
    pods: z.array(z.string().min(1)).min(1).optional(),
    /** Only this container of each pod; every container of the pod spec when absent. */
    container: z.string().min(1).optional(),
    /** Also the logs of the previous container of each restarted one (an OOMKilled container's last lines). */
    previous: z.boolean().default(false),
    /** `--context`. */
    context: z.string().min(1).optional(),
    /** `--kubeconfig`. */
    kubeconfig: z.string().min(1).optional(),
    /** How kubectl is run, e.g. `[ssh, bastion, kubectl]`. */
    command: z.array(z.string().min(1)).min(1).default(['kubectl']),
    /** Also the namespace's events and the pods' container restarts. */
    events: z.boolean().default(true),
  })
  .refine((o) => [o.selector, o.deployment, o.pods].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of selector, deployment or pods',
  });

export type KubernetesOptions = z.infer<typeof KubernetesOptions>;

/** kubectl and its global flags, before the verb. */
export function kubectlBase(o: KubernetesOptions): string[] {
  const argv = [...o.command];
  if (o.kubeconfig !== undefined) argv.push(`--kubeconfig=${o.kubeconfig}`);
  if (o.context !== undefined) argv.push(`--context=${o.context}`);
  if (o.namespace !== undefined) argv.push(`--namespace=${o.namespace}`);
  return argv;
}
