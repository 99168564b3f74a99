/**
 * Slack Web API calls: GET `<url>/<method>` with the bearer token. Slack answers most failures with
 * HTTP 200 and `{ ok: false, error }`; those become HttpErrors of the matching kind, so a refused
 * token ends the source and a missing channel is one gap.
 */
import type { CollectContext } from '../connector.js';
import { HttpError, type HttpErrorKind } from '../http.js';

const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
]);
const NOT_FOUND = new Set([
  'channel_not_found',
  'user_not_found',
  'thread_not_found',
  'not_in_channel',
]);

/** A failure Slack reported in the body; `slackError` is its code (`channel_not_found`). */
export class SlackError extends HttpError {
  constructor(
    kind: HttpErrorKind,
    message: string,
    readonly slackError: string,
  ) {
    super(kind, message);
  }
}

export interface SlackPage {
  ok?: boolean;
  error?: string;
  needed?: string;
  response_metadata?: { next_cursor?: string };
}

/** Attempts for `ok:false, error: ratelimited` (HTTP 429 is retried by the HTTP client itself). */
const RATE_RETRIES = 3;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal.reason as Error);
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class SlackApi {
  constructor(
    private readonly ctx: CollectContext,
    private readonly base: string,
  ) {}

  async call<T extends SlackPage>(
    method: string,
    query: Record<string, string | number | boolean | undefined>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.ctx.http.get(`${this.base}/${method}`, { query });
      const body = res.json<T>();
      if (typeof body !== 'object' || body === null) {
        throw new HttpError('bad-body', `slack ${method}: expected a JSON object`);
      }
      if (body.ok === true) return body;
      const code = body.error ?? 'unknown_error';
      if (code === 'ratelimited' && attempt < RATE_RETRIES) {
        const after = Number(res.headers.get('retry-after'));
        await sleep(Number.isFinite(after) && after > 0 ? after * 1000 : 1000, this.ctx.signal);
        continue;
      }
      const kind: HttpErrorKind = AUTH_ERRORS.has(code)
        ? 'auth'
        : NOT_FOUND.has(code)
          ? 'not-found'
          : code === 'ratelimited'
            ? 'rate-limited'
            : 'rejected';
      const needed = body.needed ? ` (needs scope ${body.needed})` : '';
      throw new SlackError(kind, `slack ${method}: ${code}${needed}`, code);
    }
  }

  /** Every page of a cursor-paged method, handing each to `each`. */
  async paged<T extends SlackPage>(
    method: string,
    query: Record<string, string | number | boolean | undefined>,
    each: (page: T) => void | Promise<void>,
  ): Promise<void> {
    let cursor: string | undefined;
    do {
      this.ctx.signal.throwIfAborted();
      const page = await this.call<T>(method, { ...query, cursor });
      await each(page);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
  }
}
