/** The online template miner: one message in, the cluster it joined out (Drain, He et al. 2017). */
import { MutableCluster, type Cluster, type Where } from './cluster.js';
import { WILDCARD_HASH, Tokens } from './tokenize.js';
import { WARM_UP } from './warm-up.js';
import { ParseTree } from './tree.js';

export interface MinerOptions {
  /** Clusters kept at most; messages that would start another are counted in `overflow`. */
  maxClusters?: number;
  /**
   * Share (0–1) of a template's fixed tokens a message must have, in place, to join it. Masked
   * values count as fixed tokens (`<*>` matches `<*>`); positions already generalised do not count.
   */
  similarity?: number;
  /** Plain tokens (nothing masked in them) the parse tree routes on, after the token count. */
  depth?: number;
  /** Children per tree node before new tokens share a wildcard branch. */
  maxChildren?: number;
  /**
   * Messages after which a template's words are settled: a message that differs from it in a word
   * (not in a masked value) starts a cluster of its own rather than generalising it.
   */
  settleAfter?: number;
}

/** The one configuration: the same for every log (see docs/templates.md). */
export const DEFAULT_OPTIONS: Readonly<Required<MinerOptions>> = {
  maxClusters: 5000,
  similarity: 0.75,
  depth: 1,
  maxChildren: 100,
  settleAfter: 10,
};

const MAX_REMEMBERED = 1 << 16;
/**
 * Templates compared per message, at most: in a leaf that holds more (a flood of unstructured
 * messages, thousands of templates of one length behind the wildcard branch) only the most
 * recently used are, which bounds the cost of a message.
 */
const MAX_CANDIDATES = 256;

/** Messages that found no cluster once `maxClusters` was reached. */
export interface Overflow {
  count: number;
  firstTs?: number;
  example?: Where;
}

/**
 * Mines templates from messages, one at a time, in bounded memory.
 *
 * @example
 * const miner = new TemplateMiner();
 * miner.add('Took 12ms for user 7');
 * miner.add('Took 1.5s for user 42').template; // 'Took <*> for user <*>'
 */
export class TemplateMiner {
  readonly overflow: Overflow = { count: 0 };
  private readonly options: Required<MinerOptions>;
  private readonly tree: ParseTree;
  private readonly all: MutableCluster[] = [];
  private readonly tokens = new Tokens();
  /** The cluster each recent masked message (by signature) went to. */
  private readonly seen = new Map<number, MutableCluster>();
  /** The cluster `add` returns for messages in the overflow (id 0, never listed). */
  private readonly overflowCluster = new MutableCluster(0, new Tokens().scan('<*>'));

  constructor(options: MinerOptions = {}) {
    warmUp();
    this.options = { ...DEFAULT_OPTIONS, ...definedOnly(options) };
    const o = this.options;
    if (!(o.similarity >= 0 && o.similarity <= 1))
      throw new RangeError(`similarity: expected 0–1, got ${o.similarity}`);
    if (!(o.maxClusters >= 1)) throw new RangeError(`maxClusters: expected ≥ 1`);
    this.tree = new ParseTree(Math.max(0, Math.floor(o.depth)), Math.max(2, o.maxChildren));
  }

  /** How many clusters there are. */
  get size(): number {
    return this.all.length;
  }

  /**
   * Adds one message; returns the cluster it joined (a live view: its template may generalise
   * later, its id stays), or the overflow cluster (id 0) when no cluster could be made. `where`
   * is copied when kept, so one object may be reused for every call.
   */
  add(message: string, ts?: number, where?: Where): Readonly<Cluster> {
    const tokens = this.tokens.scan(message);
    // Most messages repeat an earlier one but for their values: the cluster that took it takes
    // this one, without a search, as long as its template still fits the message whole.
    const signature = tokens.signature();
    let best = this.seen.get(signature);
    if (best !== undefined && best.fits(tokens)) {
      best.see(ts, where);
      return best;
    }
    const candidates = this.tree.candidates(tokens);
    best = candidates !== undefined ? this.bestMatch(candidates, tokens) : undefined;
    if (best !== undefined) {
      best.generalise(tokens);
      this.remember(signature, best);
    } else if (this.all.length < this.options.maxClusters) {
      best = new MutableCluster(this.all.length + 1, tokens);
      this.all.push(best);
      this.tree.insert(best, tokens);
      this.remember(signature, best);
    } else {
      const o = this.overflow;
      if (o.count++ === 0) {
        if (ts !== undefined && ts === ts) o.firstTs = ts;
        if (where !== undefined) o.example = { file: where.file, line: where.line };
      }
      return this.overflowCluster;
    }
    best.see(ts, where);
    return best;
  }

  private remember(signature: number, cluster: MutableCluster): void {
    // Bounded: words that vary (user names) make new signatures without end.
    if (this.seen.size >= MAX_REMEMBERED) this.seen.clear();
    this.seen.set(signature, cluster);
  }

  /** Snapshots of every cluster, most frequent first (ties by id). */
  clusters(): Cluster[] {
    return this.all
      .slice()
      .sort((a, b) => b.count - a.count || a.id - b.id)
      .map((c) => c.snapshot());
  }

  /** The cluster with this id (a live view), if any. */
  cluster(id: number): Readonly<Cluster> | undefined {
    return this.all[id - 1];
  }

  /**
   * The candidate sharing the most tokens with the message, if enough; ties go to the more
   * general template (Drain's rule), which keeps a generalised cluster from being split again.
   */
  private bestMatch(candidates: MutableCluster[], tokens: Tokens): MutableCluster | undefined {
    const n = tokens.length;
    const m = tokens.hash;
    const { similarity, settleAfter } = this.options;
    const maxMissed = (1 - similarity) * n;
    let best: MutableCluster | undefined;
    let bestSim = -1;
    let bestWild = -1;
    let bestAt = -1;
    const compared = Math.min(candidates.length, MAX_CANDIDATES);
    next: for (let c = 0; c < compared; c++) {
      const cluster = candidates[c]!;
      const t = cluster.hashes;
      const words = cluster.words;
      const settled = cluster.count >= settleAfter;
      let same = 0;
      let wild = 0;
      let missed = 0;
      for (let i = 0; i < n; i++) {
        const a = t[i]!;
        if (a === m[i]) same++;
        else if (a === WILDCARD_HASH) wild++;
        // A word that held its place for `settleAfter` messages is part of the template.
        else if (settled && words[i] === 1) continue next;
        // Past this many misses the similarity cannot reach the threshold: stop reading. Leaves
        // with thousands of templates (a flood of distinct messages) cost little this way.
        else if (++missed > maxMissed) continue next;
      }
      if (same + wild === n) {
        // A perfect match: no other can be better.
        toFront(candidates, c);
        return cluster;
      }
      // Over the fixed positions only: a generalised template must stay reachable.
      const sim = wild < n ? same / (n - wild) : 0;
      if (sim > bestSim || (sim === bestSim && wild > bestWild)) {
        best = cluster;
        bestSim = sim;
        bestWild = wild;
        bestAt = c;
      }
    }
    if (bestSim < similarity) return undefined;
    toFront(candidates, bestAt);
    return best;
  }
}

/**
 * Leaves keep their templates most recently used first (see ParseTree.insert), so templates
 * still in use are met first and the rest may be left out.
 */
function toFront(list: MutableCluster[], at: number): void {
  const c = list[at]!;
  for (let k = at; k > 0; k--) list[k] = list[k - 1]!;
  list[0] = c;
}

let warm = false;

/** Runs every path once before real messages do (see warm-up.ts). */
function warmUp(): void {
  if (warm) return;
  warm = true;
  const miner = new TemplateMiner({ settleAfter: 2, maxClusters: 20 });
  for (let round = 0; round < 3; round++)
    for (const m of WARM_UP) miner.add(m, round, { file: '', line: round });
  miner.clusters();
}

function definedOnly(o: MinerOptions): MinerOptions {
  const r: MinerOptions = {};
  for (const [k, v] of Object.entries(o) as [keyof MinerOptions, number | undefined][])
    if (v !== undefined) r[k] = v;
  return r;
}
