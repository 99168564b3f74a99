/** The API's pino JSON lines, one file per API host: request outcomes, lifecycle, routine chatter. */
import type { Clock } from './clock.js';
import { weighted, type Prng } from './prng.js';
import type { Request } from './requests.js';
import type { LineSink } from './sink.js';

interface Host {
  readonly sink: LineSink;
  readonly name: string;
  pid: number;
  port: number;
  version: string;
  /** `"pid":…,"hostname":…,"service":…,"version":…`, rebuilt when the process changes. */
  ident: string;
}

const PG_ERRORS = {
  'too-many':
    '{"type":"DatabaseError","message":"sorry, too many clients already","code":"53300","severity":"FATAL"}',
  reserved:
    '{"type":"DatabaseError","message":"remaining connection slots are reserved for non-replication superuser connections","code":"53300","severity":"FATAL"}',
  timeout:
    '{"type":"DatabaseError","message":"canceling statement due to statement timeout","code":"57014","severity":"ERROR"}',
  reset: '{"type":"Error","message":"Connection terminated unexpectedly","code":"ECONNRESET"}',
} as const;

type Chatter = 'pool-stats' | 'email-queued' | 'cache-refreshed' | 'rate-limit';
const CHATTER = weighted<Chatter>([
  ['pool-stats', 5],
  ['email-queued', 3],
  ['cache-refreshed', 2],
  ['rate-limit', 1],
]);

const ms1 = (x: number): number => Math.round(x * 10) / 10;

export class AppLogs {
  private readonly hosts: Host[];
  private nextPid = 5579;

  constructor(
    sinks: readonly LineSink[],
    private readonly clock: Clock,
    private readonly rng: Prng,
    version: string,
  ) {
    this.hosts = sinks.map((sink, i) => {
      const host: Host = { sink, name: `api-${i + 1}`, pid: 0, port: 3001, version, ident: '' };
      this.respawn(host, version);
      return host;
    });
  }

  get bytes(): number {
    let n = 0;
    for (const h of this.hosts) n += h.sink.bytes;
    return n;
  }

  /** The process the kernel will OOM-kill (the API on the first host) and its port. */
  get first(): { readonly pid: number; readonly port: number } {
    return this.hosts[0]!;
  }

  private respawn(host: Host, version: string): void {
    this.nextPid += this.rng.range(40, 400);
    host.pid = this.nextPid;
    host.version = version;
    host.ident = `"pid":${host.pid},"hostname":"${host.name}","service":"shop-api","version":"${version}"`;
  }

  private write(host: Host, level: string, body: string): void {
    host.sink.line(`{"level":"${level}","time":"${this.clock.isoMs()}",${host.ident},${body}}`);
  }

  private boot(host: Host): void {
    this.write(
      host,
      'info',
      '"pool":{"max":10,"connectionTimeoutMillis":3000,"statement_timeout":4000},"msg":"pg pool configured"',
    );
    this.write(host, 'info', `"port":${host.port},"node":"v20.20.2","msg":"server listening"`);
  }

  /** Logs what the API saw of a request; nginx alone knows static files and gateway timeouts. */
  request(r: Request): void {
    if (r.outcome === 'static' || r.outcome === 'gateway-timeout') return;
    const host = this.hosts.length === 1 ? this.hosts[0]! : this.rng.pick(this.hosts);
    const took = ms1(Math.max(0.3, r.rtMs - 0.5 - this.rng.float() * 2));
    const common = `"req":{"id":"${r.rid}","method":"${r.method}","url":"${r.path}"},"res":{"statusCode":${r.status}},"responseTime":${took}`;
    if (r.status < 500) {
      this.write(host, r.status >= 400 ? 'warn' : 'info', `${common},"msg":"request completed"`);
      return;
    }
    const err =
      r.outcome === 'pool-exhausted'
        ? PG_ERRORS[r.fatal]
        : r.outcome === 'statement-timeout'
          ? PG_ERRORS.timeout
          : PG_ERRORS.reset;
    this.write(host, 'error', `${common},"err":${err},"msg":"request failed"`);
  }

  /** Blue/green deploy on every host: the new process starts on the other port, the old drains. */
  deploy(version: string): void {
    for (const host of this.hosts) {
      this.write(host, 'info', '"signal":"SIGTERM","msg":"shutting down"');
      const old = host.ident;
      host.port = host.port === 3001 ? 3002 : 3001;
      this.respawn(host, version);
      this.boot(host);
      host.sink.line(
        `{"level":"info","time":"${this.clock.isoMs()}",${old},"msg":"shutdown complete"}`,
      );
    }
  }

  /** systemd restarts the OOM-killed process: it just starts again, with no goodbye. */
  restartFirst(): void {
    const host = this.hosts[0]!;
    this.respawn(host, host.version);
    this.boot(host);
  }

  /** Routine lines that are not requests; `level` (incident intensity) drains the pool stats. */
  chatter(level: number): void {
    let host = this.hosts[0]!;
    for (const h of this.hosts) if (h.sink.bytes < host.sink.bytes) host = h;
    const rng = this.rng;
    switch (rng.pickWeighted(CHATTER)) {
      case 'pool-stats': {
        const busy = level > 0 ? 10 : rng.range(0, 4);
        const waiting = level > 0 ? Math.round(rng.range(5, 60) * level) : 0;
        this.write(
          host,
          'debug',
          `"pool":{"total":10,"idle":${10 - busy},"waiting":${waiting}},"msg":"pg pool stats"`,
        );
        return;
      }
      case 'email-queued':
        this.write(
          host,
          'info',
          `"orderId":${rng.range(100000, 300000)},"queue":"emails","template":"order-confirmation","msg":"order confirmation queued"`,
        );
        return;
      case 'cache-refreshed':
        this.write(
          host,
          'info',
          `"cache":"products","keys":${rng.range(18000, 20000)},"durationMs":${ms1(rng.logNormal(120, 0.4))},"msg":"cache refreshed"`,
        );
        return;
      case 'rate-limit':
        this.write(
          host,
          'warn',
          `"clientIp":"203.0.113.${rng.range(1, 254)}","limit":100,"windowSec":60,"msg":"rate limit exceeded"`,
        );
        return;
    }
  }
}
