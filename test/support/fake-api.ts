/**
 * A local HTTP server that speaks whatever API a test gives it, with faults on demand: the stand-in
 * for services with no Debian package (Loki, Elasticsearch, PagerDuty, Slack, GitHub, Jira…).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  json<T = unknown>(): T;
}

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON (content-type set). */
  json?: unknown;
  /** Sent as is. */
  body?: string;
  /** Wait this long before answering (a slow server). */
  delayMs?: number;
  /** Declare the full length, send half the body, then cut the connection. */
  truncate?: boolean;
}

export type FakeHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export interface FakeApi {
  url: string;
  /** Every request received, in order. */
  requests: FakeRequest[];
  /**
   * The next requests (whose path starts with `pathPrefix`, if given) get these answers, in order,
   * before the handler sees any: `api.failNext({ status: 429, headers: { 'retry-after': '1' } })`.
   */
  failNext(...responses: (FakeResponse & { pathPrefix?: string })[]): void;
  /** Drops the answers `failNext` queued that no request used. */
  clearFaults(): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, r: FakeResponse): void {
  const headers: Record<string, string> = { ...r.headers };
  let body = r.body ?? '';
  if (r.json !== undefined) {
    body = JSON.stringify(r.json);
    headers['content-type'] ??= 'application/json';
  }
  const buf = Buffer.from(body);
  headers['content-length'] = String(buf.length);
  res.writeHead(r.status ?? 200, headers);
  if (r.truncate) {
    res.write(buf.subarray(0, Math.floor(buf.length / 2)));
    res.socket?.destroy();
    return;
  }
  res.end(buf);
}

export async function startFakeApi(handler: FakeHandler): Promise<FakeApi> {
  const requests: FakeRequest[] = [];
  const queue: (FakeResponse & { pathPrefix?: string })[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://fake');
      const body = Buffer.concat(chunks).toString('utf8');
      const fr: FakeRequest = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body,
        json: <T>() => JSON.parse(body) as T,
      };
      requests.push(fr);
      const i = queue.findIndex(
        (q) => q.pathPrefix === undefined || fr.path.startsWith(q.pathPrefix),
      );
      const answer = async (): Promise<FakeResponse> => {
        if (i >= 0) return queue.splice(i, 1)[0]!;
        try {
          return await handler(fr);
        } catch (err) {
          return { status: 500, json: { error: `fake handler threw: ${(err as Error).message}` } };
        }
      };
      void answer().then((r) => {
        if (r.delayMs) setTimeout(() => !res.destroyed && send(res, r), r.delayMs);
        else send(res, r);
      });
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (...r) => queue.push(...r),
    clearFaults: () => queue.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
