/** Runs a `kubectl … -o json` and reads its one JSON document. */
import { AftermathError } from '../../errors.js';
import type { CollectContext } from '../connector.js';

/** A Kubernetes object as kubectl prints it; only the fields read here are typed. */
export interface KubeObject {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  [key: string]: unknown;
}

export async function kubeJson(ctx: CollectContext, argv: readonly string[]): Promise<KubeObject> {
  const lines: string[] = [];
  for await (const line of ctx.run(argv, { signal: ctx.signal })) lines.push(line);
  const text = lines.join('\n');
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as KubeObject;
  } catch {
    // fall through to the error naming the command
  }
  throw new AftermathError(
    'kubectl',
    `${argv.join(' ')}: expected one JSON object, received ${text.length === 0 ? 'nothing' : JSON.stringify(text.slice(0, 80))}`,
  );
}

/** The objects of a `List` (or the one object when kubectl printed a single one). */
export function itemsOf(doc: KubeObject): KubeObject[] {
  if (Array.isArray(doc.items)) return doc.items as KubeObject[];
  return doc.kind === 'List' ? [] : [doc];
}
