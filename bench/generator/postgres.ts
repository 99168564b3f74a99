/**
 * PostgreSQL 15 stderr log with `log_line_prefix = '%m [%p] %q%u@%d '`, `log_connections`,
 * `log_disconnections` and `log_min_duration_statement = 200ms`. Background processes stop the
 * prefix at `%q`; multi-line statements continue on tab-indented lines, as PostgreSQL writes them.
 */
import type { Clock } from './clock.js';
import { weighted, type Prng } from './prng.js';
import type { LineSink } from './sink.js';
import { ORDER_EVENTS_SQL, SLOW_STATEMENTS } from './vocab.js';

interface Backend {
  readonly pid: number;
  readonly port: number;
  readonly since: number;
}

type Routine = 'connect' | 'disconnect' | 'slow' | 'slow-multiline' | 'duplicate' | 'autovacuum';
const ROUTINE = weighted<Routine>([
  ['connect', 36],
  ['disconnect', 36],
  ['slow', 12],
  ['slow-multiline', 3],
  ['duplicate', 4],
  ['autovacuum', 1],
]);

const TABLES = ['orders', 'order_events', 'cart_items', 'inventory', 'sessions'] as const;

function sessionTime(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = ((ms % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `${h}:${String(m).padStart(2, '0')}:${s}`;
}

export class PostgresLog {
  private nextPid = 5644;
  private readonly open: Backend[] = [];
  private readonly checkpointerPid = 5383;

  constructor(
    readonly sink: LineSink,
    private readonly clock: Clock,
    private readonly rng: Prng,
  ) {}

  private client(pid: number, text: string): void {
    this.sink.line(`${this.clock.pgMs()} [${pid}] shop@shop ${text}`);
  }

  private server(pid: number, text: string): void {
    this.sink.line(`${this.clock.pgMs()} [${pid}] ${text}`);
  }

  private continuation(lines: readonly string[]): void {
    for (const l of lines) this.sink.line(l);
  }

  private newPid(): number {
    this.nextPid += this.rng.range(1, 9);
    // Linux's default pid_max on 64-bit hosts: very large sets wrap like a real host would.
    if (this.nextPid > 4_194_304) this.nextPid = 300;
    return this.nextPid;
  }

  private received(): { pid: number; port: number } {
    const pid = this.newPid();
    const port = this.rng.range(32768, 60999);
    this.sink.line(
      `${this.clock.pgMs()} [${pid}] [unknown]@[unknown] LOG:  connection received: host=127.0.0.1 port=${port}`,
    );
    return { pid, port };
  }

  connect(now: number): void {
    const { pid, port } = this.received();
    this.client(
      pid,
      'LOG:  connection authenticated: identity="shop" method=scram-sha-256 (/etc/postgresql/15/main/pg_hba.conf:91)',
    );
    this.client(
      pid,
      'LOG:  connection authorized: user=shop database=shop application_name=shop-api',
    );
    this.open.push({ pid, port, since: now });
  }

  disconnect(now: number): void {
    if (this.open.length === 0) return this.connect(now);
    const i = this.rng.int(this.open.length);
    const b = this.open[i]!;
    this.open[i] = this.open[this.open.length - 1]!;
    this.open.pop();
    this.client(
      b.pid,
      `LOG:  disconnection: session time: ${sessionTime(now - b.since)} user=shop database=shop host=127.0.0.1 port=${b.port}`,
    );
  }

  private backend(now: number): number {
    if (this.open.length === 0) this.connect(now);
    return this.rng.pick(this.open).pid;
  }

  /** The pool could not get a connection: PostgreSQL refuses it at startup. */
  refused(kind: 'too-many' | 'reserved'): void {
    const { pid } = this.received();
    this.client(
      pid,
      kind === 'too-many'
        ? 'FATAL:  sorry, too many clients already'
        : 'FATAL:  remaining connection slots are reserved for non-replication superuser connections',
    );
  }

  /** `statement_timeout` fired: ERROR, then the statement on its own multi-line STATEMENT record. */
  statementTimeout(now: number): void {
    const pid = this.backend(now);
    this.client(pid, 'ERROR:  canceling statement due to statement timeout');
    this.client(pid, `STATEMENT:  ${ORDER_EVENTS_SQL[0]}`);
    this.continuation(ORDER_EVENTS_SQL.slice(1));
  }

  /** The incident's slow query, logged by `log_min_duration_statement` with its parameters. */
  slowOrderQuery(now: number, ms: number): void {
    const pid = this.backend(now);
    this.client(
      pid,
      `LOG:  duration: ${ms.toFixed(3)} ms  execute <unnamed>: ${ORDER_EVENTS_SQL[0]}`,
    );
    this.continuation(ORDER_EVENTS_SQL.slice(1));
    this.client(pid, `DETAIL:  parameters: $1 = 'customer${this.rng.range(1, 60000)}@example.com'`);
  }

  checkpoint(): void {
    const rng = this.rng;
    const buffers = rng.range(200, 9000);
    this.server(this.checkpointerPid, 'LOG:  checkpoint starting: time');
    this.server(
      this.checkpointerPid,
      `LOG:  checkpoint complete: wrote ${buffers} buffers (${((buffers / 16384) * 100).toFixed(1)}%); 0 WAL file(s) added, 0 removed, ${rng.range(0, 3)} recycled; write=${(buffers * 0.003).toFixed(3)} s, sync=0.${rng.range(100, 999)} s, total=${(buffers * 0.003 + 1).toFixed(3)} s; sync files=${rng.range(10, 80)}, longest=0.0${rng.range(10, 99)} s, average=0.00${rng.range(1, 9)} s; distance=${buffers * 8} kB, estimate=${buffers * 9} kB`,
    );
  }

  /** Routine traffic: pool churn, the odd slow statement, constraint errors, autovacuum. */
  routine(now: number): void {
    const rng = this.rng;
    let kind = rng.pickWeighted(ROUTINE);
    // Keep the number of open backends near the pool size (10 per API host, a few hosts).
    if (kind === 'connect' && this.open.length > 30) kind = 'disconnect';
    if (kind === 'disconnect' && this.open.length < 5) kind = 'connect';
    switch (kind) {
      case 'connect':
        return this.connect(now);
      case 'disconnect':
        return this.disconnect(now);
      case 'slow':
        this.client(
          this.backend(now),
          `LOG:  duration: ${(200 + rng.logNormal(60, 0.8)).toFixed(3)} ms  statement: ${rng.pick(SLOW_STATEMENTS)}`,
        );
        return;
      case 'slow-multiline':
        return this.slowOrderQuery(now, 200 + rng.logNormal(40, 0.7));
      case 'duplicate': {
        const pid = this.backend(now);
        const cart = rng.range(1, 90000);
        const product = rng.range(1, 20000);
        this.client(
          pid,
          'ERROR:  duplicate key value violates unique constraint "cart_items_pkey"',
        );
        this.client(
          pid,
          `DETAIL:  Key (cart_id, product_id)=(${cart}, ${product}) already exists.`,
        );
        this.client(pid, 'STATEMENT:  INSERT INTO cart_items (cart_id, product_id, quantity)');
        this.continuation(['\t          VALUES ($1, $2, $3)']);
        return;
      }
      case 'autovacuum': {
        const table = rng.pick(TABLES);
        const pages = rng.range(800, 60000);
        const removed = rng.range(100, 20000);
        // Each autovacuum worker is a new process.
        this.server(
          this.newPid(),
          `LOG:  automatic vacuum of table "shop.public.${table}": index scans: 1`,
        );
        this.continuation([
          `\tpages: 0 removed, ${pages} remain, ${rng.range(100, pages)} scanned (${rng.range(1, 99)}.${rng.range(10, 99)}% of total)`,
          `\ttuples: ${removed} removed, ${rng.range(10000, 900000)} remain, 0 are dead but not yet removable`,
          `\tindex scan needed: ${rng.range(10, 900)} pages from table (${rng.range(0, 9)}.${rng.range(10, 99)}% of total) had ${removed} dead item identifiers removed`,
          `\tavg read rate: ${rng.range(0, 90)}.${rng.range(100, 999)} MB/s, avg write rate: ${rng.range(0, 40)}.${rng.range(100, 999)} MB/s`,
          `\tbuffer usage: ${rng.range(1000, 90000)} hits, ${rng.range(0, 900)} misses, ${rng.range(0, 900)} dirtied`,
          `\tWAL usage: ${rng.range(100, 9000)} records, ${rng.range(0, 900)} full page images, ${rng.range(10000, 9000000)} bytes`,
          `\tsystem usage: CPU: user: 0.${rng.range(10, 99)} s, system: 0.0${rng.range(1, 9)} s, elapsed: ${rng.range(0, 9)}.${rng.range(10, 99)} s`,
        ]);
        return;
      }
    }
  }
}
