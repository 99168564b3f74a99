/**
 * Bounded retries for tracker SDK calls (octokit, jira.js), with the semantics of
 * connectors/http.ts: 429 and 5xx retried with exponential backoff and jitter, Retry-After
 * honoured up to a limit, everything else at once. Creates are not retried here after a 5xx or a
 * lost answer: sync searches for the marker first (see sync.ts).
 */
import { retryAfterMs } from '../connectors/http.js';
import { TrackerError } from './tracker.js';

export interface RetryOptions {
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this fails the call instead of waiting. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (info: { what: string; attempt: number; delayMs: number; reason: string }) => void;
}

/** What a failed SDK call said: its status and Retry-After, if any. */
export interface Failure {
  error: TrackerError;
  retryAfter?: string | undefined;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `call`, turning its failures into TrackerErrors with `classify` and retrying those that
 * may succeed later. `safe` false means the call changes state: only a 429 (which the server
 * refused before acting) is retried.
 */
export async function withRetries<T>(
  what: string,
  call: () => Promise<T>,
  classify: (err: unknown) => Failure,
  options: RetryOptions = {},
  safe = true,
): Promise<T> {
  const retries = options.retries ?? 4;
  const base = options.baseDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 120_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    let failure: Failure;
    try {
      return await call();
    } catch (err) {
      failure = classify(err);
    }
    const { error } = failure;
    const retryable =
      error.kind === 'rate-limited' ||
      (safe && (error.kind === 'server' || error.kind === 'network' || error.kind === 'bad-body'));
    if (!retryable) throw error;
    if (attempt >= retries) {
      if (attempt > 0) error.message += ` (gave up after ${attempt + 1} attempts)`;
      throw error;
    }
    const wait = retryAfterMs(failure.retryAfter ?? null);
    let delay: number;
    if (wait !== undefined) {
      if (wait > maxRetryAfter) {
        error.message += ` (the server asks to wait ${Math.ceil(wait / 1000)} s, more than the ${Math.ceil(maxRetryAfter / 1000)} s allowed)`;
        throw error;
      }
      delay = wait;
    } else {
      const cap = Math.min(maxDelay, base * 2 ** attempt);
      delay = Math.round(cap / 2 + (random() * cap) / 2);
    }
    options.onRetry?.({ what, attempt: attempt + 1, delayMs: delay, reason: error.message });
    await sleep(delay);
  }
}

/** The error kind for an HTTP status. */
export function kindOf(status: number | undefined): TrackerError['kind'] {
  if (status === undefined || status === 0) return 'network';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'rejected';
}

/** `401 unauthorized (check GITHUB_TOKEN)` and the like: the status in words, for one-line errors. */
export function statusWords(status: number | undefined, tokenEnv: string): string {
  if (status === undefined || status === 0) return 'no answer';
  if (status === 401) return `HTTP 401 unauthorized (check the token in ${tokenEnv})`;
  if (status === 403)
    return `HTTP 403 forbidden (check the permissions of the token in ${tokenEnv})`;
  if (status === 404) return 'HTTP 404 not found';
  if (status === 422) return 'HTTP 422 validation failed';
  return `HTTP ${status}`;
}
