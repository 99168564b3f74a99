/**
 * HTTP for connectors and trackers: a timeout on every request, bounded retries with exponential
 * backoff and jitter on network errors, 429 and 5xx (honouring Retry-After), a cap on the
 * body size, and one error type whose message names the URL (without credentials) and the status.
 */
import { AftermathError } from '../errors.js';

export type HttpErrorKind =
  | 'auth' // 401, 403
  | 'not-found' // 404
  | 'rejected' // other 4xx: the request was wrong (bad query, validation)
  | 'server' // 5xx after the retries
  | 'rate-limited' // 429 after the retries, or a Retry-After longer than allowed
  | 'timeout'
  | 'network'
  | 'too-large'
  | 'bad-body'; // not the JSON the API documents (truncated, HTML error page…)

export class HttpError extends AftermathError {
  readonly kind: HttpErrorKind;
  readonly status: number | undefined;
  /** The start of the response body, for the diagnostic (servers explain errors there). */
  readonly body: string | undefined;
  constructor(
    kind: HttpErrorKind,
    message: string,
    extra: { status?: number; body?: string; cause?: unknown } = {},
  ) {
    super(`http/${kind}`, message, { cause: extra.cause });
    this.name = 'HttpError';
    this.kind = kind;
    this.status = extra.status;
    this.body = extra.body;
  }
}

export interface HttpOptions {
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  /** Retries after the first attempt (so `retries + 1` attempts at most). */
  retries?: number;
  /** First backoff; doubles each retry, jittered, capped at `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this fails the request instead of waiting. */
  maxRetryAfterMs?: number;
  maxResponseBytes?: number;
  /** Sent with every request (credentials, Accept). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Told before each retry, e.g. to print `retrying in 2 s (429)`. */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
  /** For tests: how to wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface RequestOptions {
  method?: string;
  query?: Record<string, string | number | boolean | undefined | readonly string[]>;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or URLSearchParams as is. */
  body?: unknown;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  url: string;
  text: string;
  json<T = unknown>(): T;
}

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

/** The URL as safe to print: no user:password, and no query values that look like credentials. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const key of [...u.searchParams.keys()]) {
      if (/token|key|secret|password|auth|sig/i.test(key)) u.searchParams.set(key, '***');
    }
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/** Retry-After as ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const s = Number(value);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function withQuery(url: string, query: RequestOptions['query']): string {
  if (!query) return url;
  const u = new URL(url);
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v as readonly string[]) u.searchParams.append(k, item);
    else u.searchParams.set(k, String(v));
  }
  return u.toString();
}

async function readCapped(res: Response, max: number, shown: string): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel();
    throw new HttpError(
      'too-large',
      `${shown}: response of ${declared} bytes is over the limit of ${max}`,
    );
  }
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) {
      throw new HttpError('too-large', `${shown}: response is over the limit of ${max} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function response(status: number, headers: Headers, url: string, text: string): HttpResponse {
  return {
    status,
    headers,
    url,
    text,
    json<T>(): T {
      try {
        return JSON.parse(text) as T;
      } catch (err) {
        throw new HttpError(
          'bad-body',
          `${displayUrl(url)}: expected JSON, received ${text.length === 0 ? 'an empty body' : `"${text.slice(0, 80).replace(/\s+/g, ' ')}${text.length > 80 ? '…' : ''}"`}`,
          { status, body: text.slice(0, 500), cause: err },
        );
      }
    },
  };
}

function statusError(status: number, shown: string, body: string): HttpError {
  const snippet = body.slice(0, 200).replace(/\s+/g, ' ').trim();
  const said = snippet ? `: ${snippet}` : '';
  const kind: HttpErrorKind =
    status === 401 || status === 403
      ? 'auth'
      : status === 404
        ? 'not-found'
        : status === 429
          ? 'rate-limited'
          : status >= 500
            ? 'server'
            : 'rejected';
  const what =
    kind === 'auth'
      ? `${status} ${status === 401 ? 'unauthorized' : 'forbidden'} (check the credentials the case file names)`
      : `${status}`;
  return new HttpError(kind, `${shown}: HTTP ${what}${said}`, { status, body: body.slice(0, 500) });
}

/** A client bound to one source's headers and limits. */
export class HttpClient {
  private readonly o: Required<
    Omit<HttpOptions, 'signal' | 'onRetry' | 'headers' | 'sleep' | 'random'>
  > &
    HttpOptions;

  constructor(options: HttpOptions = {}) {
    this.o = {
      timeoutMs: 30_000,
      retries: 4,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      maxRetryAfterMs: 120_000,
      maxResponseBytes: 256 * 1024 * 1024,
      ...options,
    };
  }

  /** A client with more headers (a per-request token, an Accept) and the same limits. */
  with(headers: Record<string, string>): HttpClient {
    return new HttpClient({ ...this.o, headers: { ...this.o.headers, ...headers } });
  }

  async get(
    url: string,
    options: Omit<RequestOptions, 'method' | 'body'> = {},
  ): Promise<HttpResponse> {
    return this.request(url, { ...options, method: 'GET' });
  }

  async getJson<T>(url: string, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return (await this.get(url, options)).json<T>();
  }

  /**
   * Sends the request, retrying what may succeed on a second try. Resolves with any 2xx/3xx
   * response; throws HttpError for the rest.
   */
  async request(url: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const full = withQuery(url, options.query);
    const shown = displayUrl(full);
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = { ...this.o.headers, ...options.headers };
    let body: string | URLSearchParams | undefined;
    if (options.body instanceof URLSearchParams || typeof options.body === 'string') {
      body = options.body;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const sleep = this.o.sleep ?? defaultSleep;
    const random = this.o.random ?? Math.random;
    const timeoutMs = options.timeoutMs ?? this.o.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      this.o.signal?.throwIfAborted();
      let retryReason: string;
      let retryAfter: number | undefined;
      let failure: HttpError;
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = this.o.signal ? AbortSignal.any([this.o.signal, timeout]) : timeout;
      try {
        const res = await fetch(full, {
          method,
          headers,
          signal,
          redirect: 'follow',
          ...(body !== undefined ? { body } : {}),
        });
        const text = await readCapped(res, this.o.maxResponseBytes, shown);
        if (res.status < 400) return response(res.status, res.headers, full, text);
        failure = statusError(res.status, shown, text);
        if (!RETRY_STATUS.has(res.status)) throw failure;
        retryReason = `HTTP ${res.status}`;
        retryAfter = retryAfterMs(res.headers.get('retry-after'));
      } catch (err) {
        if (err instanceof HttpError && !(err.kind === 'server' || err.kind === 'rate-limited'))
          throw err;
        if (err instanceof HttpError) {
          failure = err;
          retryReason = `HTTP ${err.status}`;
        } else if (this.o.signal?.aborted) {
          throw err;
        } else if (timeout.aborted) {
          failure = new HttpError(
            'timeout',
            `${shown}: no complete answer within ${Math.round(timeoutMs / 100) / 10} s`,
            { cause: err },
          );
          retryReason = 'timeout';
        } else {
          const cause = (err as { cause?: { code?: string; message?: string } }).cause;
          const why = cause?.code ?? cause?.message ?? (err as Error).message;
          failure = new HttpError('network', `${shown}: ${why}`, { cause: err });
          retryReason = why;
        }
      }
      if (attempt >= this.o.retries) {
        if (attempt > 0) failure.message += ` (gave up after ${attempt + 1} attempts)`;
        throw failure;
      }
      let delay: number;
      if (retryAfter !== undefined) {
        if (retryAfter > this.o.maxRetryAfterMs) {
          failure.message += ` (the server asks to wait ${Math.ceil(retryAfter / 1000)} s, more than the ${Math.ceil(this.o.maxRetryAfterMs / 1000)} s allowed)`;
          throw failure;
        }
        delay = retryAfter;
      } else {
        const cap = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** attempt);
        delay = Math.round(cap / 2 + (random() * cap) / 2);
      }
      this.o.onRetry?.({ url: shown, attempt: attempt + 1, delayMs: delay, reason: retryReason });
      await sleep(delay, this.o.signal);
    }
  }
}
