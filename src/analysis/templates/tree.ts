/**
 * Drain's fixed-depth parse tree: messages are routed by their token count, then by their first
 * few tokens, to a leaf holding the few clusters worth comparing them with. Tokens with a masked
 * part (`<*>`, `attempt_<*>`) are passed over, so neither a value in front (a timestamp left in
 * the message) herds every template into one wildcard branch, nor do values scatter one template
 * over many branches.
 */
import type { MutableCluster } from './cluster.js';
import { PLAIN, WILDCARD_HASH, type Tokens } from './tokenize.js';

interface Node {
  children: Map<number, Node> | undefined;
  clusters: MutableCluster[] | undefined;
}

const newNode = (): Node => ({ children: undefined, clusters: undefined });

export class ParseTree {
  // Index = token count; a sparse array is cheaper than a Map for small integers.
  private readonly byLength: (Node | undefined)[] = [];

  constructor(
    /** Leading tokens routed on (Drain's depth minus 2). */
    private readonly depth: number,
    /** Children per node before new tokens go to the `<*>` child. */
    private readonly maxChildren: number,
  ) {}

  /** The clusters a message with these tokens may join, or undefined when it can join none. */
  candidates(tokens: Tokens): MutableCluster[] | undefined {
    const n = tokens.length;
    let node = this.byLength[n];
    const kind = tokens.kind;
    // Routed on the first `depth` plain tokens but the last (Drain leaves the last one out).
    for (let p = 0, d = 0; d < this.depth && p < n - 1 && node !== undefined; p++) {
      if (kind[p] !== PLAIN) continue;
      const c = node.children;
      if (c === undefined) return undefined;
      node = c.get(tokens.hash[p]!) ?? c.get(WILDCARD_HASH);
      d++;
    }
    return node?.clusters;
  }

  /** Files a new cluster under the path of the tokens it was made from. */
  insert(cluster: MutableCluster, tokens: Tokens): void {
    const n = tokens.length;
    let node = (this.byLength[n] ??= newNode());
    const kind = tokens.kind;
    for (let p = 0, d = 0; d < this.depth && p < n - 1; p++) {
      if (kind[p] !== PLAIN) continue;
      const c = (node.children ??= new Map());
      const t = tokens.hash[p]!;
      let next = c.get(t);
      if (next === undefined) {
        // One slot stays free for `<*>`: past the limit, new tokens share the wildcard branch.
        const key = c.size + 1 >= this.maxChildren ? WILDCARD_HASH : t;
        next = c.get(key);
        if (next === undefined) c.set(key, (next = newNode()));
      }
      node = next;
      d++;
    }
    // Most recently used first (see the miner): a new template is about to be used again.
    (node.clusters ??= []).unshift(cluster);
  }
}
