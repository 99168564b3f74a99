/**
 * Real Prometheus and Alertmanager (Debian's `prometheus` and `prometheus-alertmanager`) on loopback
 * ports for the tests, with what they need around them: an exporter whose counters the test drives,
 * and a webhook receiver that logs each notification as one JSON line, as a receiver in production
 * would. In CI the binaries must be there (.ci/run installs them); elsewhere the test is skipped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const PROMETHEUS = '/usr/bin/prometheus';
export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

/** Whether both servers can run here; says why not once per suite. */
export function havePrometheusServers(suite: string): boolean {
  const missing = [
    [PROMETHEUS, 'prometheus'],
    [ALERTMANAGER, 'prometheus-alertmanager'],
  ].filter(([bin]) => !existsSync(bin!));
  if (missing.length === 0) return true;
  const what = `${missing.map(([bin]) => bin).join(' and ')} missing: apt-get install ${missing.map(([, pkg]) => pkg).join(' ')}`;
  if (process.env.CI) throw new Error(what);
  console.warn(`${suite} skipped: ${what}`);
  return false;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** A port nobody listens on right now (the server binding it next is ours, on loopback). */
async function freePort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await close(s);
  return port;
}

export interface Exporter {
  port: number;
  /** Adds to the requests counter of a status code. */
  count(code: string, n: number): void;
  /** Every value of each code's counter that a scrape was given. */
  served: Map<string, Set<number>>;
  scrapes: number;
  close(): Promise<void>;
}

/** `/metrics` in the Prometheus text format with one counter the test drives. */
export async function startExporter(): Promise<Exporter> {
  const counters = new Map<string, number>([['200', 0]]);
  const served = new Map<string, Set<number>>();
  const exporter: Exporter = {
    port: 0,
    count(code, n) {
      counters.set(code, (counters.get(code) ?? 0) + n);
    },
    served,
    scrapes: 0,
    close: () => close(server),
  };
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    exporter.scrapes++;
    let body =
      '# HELP shop_http_requests_total Requests answered, by status code.\n' +
      '# TYPE shop_http_requests_total counter\n';
    for (const [code, v] of counters) {
      body += `shop_http_requests_total{code="${code}"} ${v}\n`;
      if (!served.has(code)) served.set(code, new Set());
      served.get(code)!.add(v);
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(body);
  });
  exporter.port = await listen(server);
  return exporter;
}

export interface WebhookReceiver {
  url: string;
  /** The log file: one notification per line, with the time it arrived. */
  log: string;
  /** The notifications received so far. */
  received(): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(log: string): Promise<WebhookReceiver> {
  await writeFile(log, '');
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const receivedAt = new Date().toISOString();
      let line: string;
      try {
        line = JSON.stringify({
          receivedAt,
          ...JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
      } catch {
        res.writeHead(400).end();
        return;
      }
      void appendFile(log, line + '\n').then(() => res.writeHead(200).end());
    });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/hook`,
    log,
    async received() {
      const text = await readFile(log, 'utf8');
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    close: () => close(server),
  };
}

export interface PrometheusStack {
  prometheusUrl: string;
  alertmanagerUrl: string;
  stop(): Promise<void>;
}

/** The alerting rule the stack evaluates every second: fires as soon as a 5xx was counted. */
export const ALERT_RULE = {
  alert: 'ShopApiErrors',
  expr: 'shop_http_requests_total{code="500"} > 0',
  labels: { severity: 'page', service: 'shop-api' },
  summary: 'shop-api answered 5xx',
};

function configs(o: { exporterPort: number; amPort: number; webhookUrl: string }) {
  const prometheus = `global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files: [rules.yml]
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:${o.amPort}']
scrape_configs:
  - job_name: shop
    static_configs:
      - targets: ['127.0.0.1:${o.exporterPort}']
`;
  const rules = `groups:
  - name: shop
    interval: 1s
    rules:
      - alert: ${ALERT_RULE.alert}
        expr: '${ALERT_RULE.expr}'
        for: 0s
        labels: { severity: ${ALERT_RULE.labels.severity}, service: ${ALERT_RULE.labels.service} }
        annotations: { summary: '${ALERT_RULE.summary}' }
`;
  const alertmanager = `route:
  receiver: hook
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: hook
    webhook_configs:
      - url: '${o.webhookUrl}'
        send_resolved: true
`;
  return { prometheus, rules, alertmanager };
}

async function tail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-5).join(' | ');
}

/** Polls `/-/ready` until 200; fails early (with the log's end) if the process died. */
async function waitReady(url: string, child: ChildProcess, log: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${url}: exited with ${child.exitCode} before ready: ${await tail(log)}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}: not ready within ${ms / 1000} s: ${await tail(log)}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Starts Alertmanager then Prometheus, with configs and storage under `dir`. */
export async function startPrometheusStack(o: {
  dir: string;
  exporterPort: number;
  webhookUrl: string;
}): Promise<PrometheusStack> {
  const promPort = await freePort();
  let amPort = await freePort();
  while (amPort === promPort) amPort = await freePort();
  const c = configs({ exporterPort: o.exporterPort, amPort, webhookUrl: o.webhookUrl });
  await mkdir(join(o.dir, 'prom-data'), { recursive: true });
  await mkdir(join(o.dir, 'am-data'), { recursive: true });
  await writeFile(join(o.dir, 'prometheus.yml'), c.prometheus);
  await writeFile(join(o.dir, 'rules.yml'), c.rules);
  await writeFile(join(o.dir, 'alertmanager.yml'), c.alertmanager);
  const children: ChildProcess[] = [];
  const start = (bin: string, args: string[], name: string): ChildProcess => {
    const fd = openSync(join(o.dir, `${name}.log`), 'w');
    const child = spawn(bin, args, { cwd: o.dir, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    children.push(child);
    return child;
  };
  // A test run killed before afterAll must not leave servers holding ports.
  const onExit = (): void => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  };
  process.once('exit', onExit);
  const stop = async (): Promise<void> => {
    await Promise.all(children.map(stopChild));
    process.off('exit', onExit);
  };
  try {
    const am = start(
      ALERTMANAGER,
      [
        `--config.file=${join(o.dir, 'alertmanager.yml')}`,
        `--storage.path=${join(o.dir, 'am-data')}`,
        `--web.listen-address=127.0.0.1:${amPort}`,
        '--cluster.listen-address=',
      ],
      'alertmanager',
    );
    const prom = start(
      PROMETHEUS,
      [
        `--config.file=${join(o.dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(o.dir, 'prom-data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      'prometheus',
    );
    const amUrl = `http://127.0.0.1:${amPort}`;
    const promUrl = `http://127.0.0.1:${promPort}`;
    await Promise.all([
      waitReady(amUrl, am, join(o.dir, 'alertmanager.log'), 15_000),
      waitReady(promUrl, prom, join(o.dir, 'prometheus.log'), 15_000),
    ]);
    return { prometheusUrl: promUrl, alertmanagerUrl: amUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
