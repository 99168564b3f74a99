/**
 * GitLab issues over REST v4 with the connectors' HTTP client. Tickets are found with the issue
 * list's `search` in descriptions (narrowed by the postmortem label), every page by `x-next-page`.
 */
import { HttpClient, HttpError, type HttpOptions, type HttpResponse } from '../connectors/http.js';
import { statusWords, withRetries, type Failure, type RetryOptions } from './retry.js';
import {
  ticketFrom,
  TrackerError,
  type Ticket,
  type TicketDraft,
  type Tracker,
} from './tracker.js';

export interface GitLabOptions {
  /** Numeric id or `group/project` path. */
  project: string;
  token: string;
  tokenEnv: string;
  /** Instance root, e.g. `https://gitlab.com`. */
  url: string;
  label: string;
  http?: HttpOptions;
  retry?: RetryOptions;
}

interface IssueData {
  iid: number;
  web_url: string;
  title: string;
  state: string;
  closed_at?: string | null;
  description?: string | null;
}

function isIssue(x: unknown): x is IssueData {
  const i = x as IssueData;
  return (
    typeof i === 'object' && i !== null && typeof i.iid === 'number' && typeof i.title === 'string'
  );
}

function ticketOf(issue: IssueData): Ticket {
  return ticketFrom(
    {
      ref: String(issue.iid),
      url: issue.web_url,
      title: issue.title,
      closed: issue.state === 'closed',
      closedAt: issue.closed_at,
    },
    issue.description ?? '',
  );
}

/** GitLab explains a 400/422 in `message` (a string, or field → problems) or `error`. */
function explain(body: string | undefined): string {
  if (!body) return '';
  try {
    const j = JSON.parse(body) as { message?: unknown; error?: unknown };
    const m = j.message ?? j.error;
    if (typeof m === 'string') return `: ${m}`;
    if (m && typeof m === 'object')
      return `: ${Object.entries(m as Record<string, unknown>)
        .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : String(v)}`)
        .join('; ')}`;
  } catch {
    // Not JSON: the status says enough.
  }
  return '';
}

export class GitLabTracker implements Tracker {
  readonly id = 'gitlab' as const;
  private readonly http: HttpClient;
  /** No retries of its own: a create is retried only by `withRetries`, on 429. */
  private readonly once: HttpClient;
  private readonly base: string;

  constructor(private readonly o: GitLabOptions) {
    const headers = { 'private-token': o.token, accept: 'application/json' };
    this.http = new HttpClient({ ...o.http, headers: { ...o.http?.headers, ...headers } });
    this.once = new HttpClient({
      ...o.http,
      retries: 0,
      headers: { ...o.http?.headers, ...headers },
    });
    this.base = `${o.url.replace(/\/$/, '')}/api/v4/projects/${encodeURIComponent(o.project)}`;
  }

  private classify(what: string): (err: unknown) => Failure {
    return (err: unknown): Failure => {
      if (err instanceof TrackerError) return { error: err };
      if (!(err instanceof HttpError)) throw err;
      const kind: TrackerError['kind'] =
        err.kind === 'timeout' || err.kind === 'network'
          ? 'network'
          : err.kind === 'too-large'
            ? 'bad-body'
            : err.kind;
      const words =
        err.status !== undefined ? statusWords(err.status, this.o.tokenEnv) : err.message;
      // The HTTP client says why it stopped retrying at the end of its message.
      const why = / \((?:gave up|the server asks)[^)]*\)$/.exec(err.message)?.[0] ?? '';
      const error = new TrackerError(
        kind,
        `gitlab ${this.o.project}: ${what} failed, ${words}${explain(err.body)}`.slice(0, 300) +
          why,
        { ...(err.status !== undefined ? { status: err.status } : {}), cause: err },
      );
      return { error };
    };
  }

  /** The ticket an answer describes (its body read as JSON, a failure mapped like a request's). */
  private ticketIn(what: string, res: HttpResponse): Ticket {
    const data = mapFailure(() => res.json(), this.classify(what));
    if (!isIssue(data))
      throw new TrackerError(
        'bad-body',
        `gitlab ${this.o.project}: ${what}: expected an issue as JSON, received ${typeof data}`,
      );
    return ticketOf(data);
  }

  async findByPostmortem(postmortemId: string): Promise<Map<string, Ticket>> {
    const found = new Map<string, Ticket>();
    const prefix = `aftermath:${postmortemId}/`;
    const what = 'searching issues';
    for (let page: string | null = '1'; page;) {
      const p: string = page;
      const res = await withRetries(
        what,
        () =>
          this.http.get(`${this.base}/issues`, {
            query: {
              search: prefix,
              in: 'description',
              labels: this.o.label,
              scope: 'all',
              state: 'all',
              per_page: 100,
              page: p,
            },
          }),
        this.classify(what),
        { ...this.o.retry, retries: 0 },
      );
      const list = mapFailure(() => res.json<unknown>(), this.classify(what));
      if (!Array.isArray(list))
        throw new TrackerError(
          'bad-body',
          `gitlab ${this.o.project}: ${what}: expected a list of issues`,
        );
      for (const raw of list) {
        if (!isIssue(raw)) continue;
        const t = ticketOf(raw);
        if (t.marker?.startsWith(prefix) && !found.has(t.marker)) found.set(t.marker, t);
      }
      const next = res.headers.get('x-next-page');
      page = next && next.trim() !== '' ? next.trim() : null;
    }
    return found;
  }

  async get(ref: string): Promise<Ticket | undefined> {
    const what = `reading issue #${ref}`;
    try {
      const res = await withRetries(
        what,
        () => this.http.get(`${this.base}/issues/${encodeURIComponent(ref)}`),
        this.classify(what),
        { ...this.o.retry, retries: 0 },
      );
      return this.ticketIn(what, res);
    } catch (err) {
      if (err instanceof TrackerError && err.kind === 'not-found') return undefined;
      throw err;
    }
  }

  private fields(draft: TicketDraft): Record<string, unknown> {
    const f: Record<string, unknown> = {
      title: draft.title,
      description: draft.body,
      labels: draft.labels.join(','),
    };
    if (draft.due) f.due_date = draft.due;
    if (draft.assignee) f.assignee_ids = [Number(draft.assignee)];
    return f;
  }

  async create(draft: TicketDraft): Promise<Ticket> {
    const what = `creating "${draft.title.slice(0, 40)}"`;
    const res = await withRetries(
      what,
      () => this.once.request(`${this.base}/issues`, { method: 'POST', body: this.fields(draft) }),
      this.classify(what),
      this.o.retry,
      false,
    );
    return this.ticketIn(what, res);
  }

  async update(ref: string, draft: TicketDraft): Promise<Ticket> {
    const what = `updating issue #${ref}`;
    const res = await withRetries(
      what,
      () =>
        this.http.request(`${this.base}/issues/${encodeURIComponent(ref)}`, {
          method: 'PUT',
          body: this.fields(draft),
        }),
      this.classify(what),
      { ...this.o.retry, retries: 0 },
    );
    return this.ticketIn(what, res);
  }

  refFromLink(text: string): string | undefined {
    const root = this.o.url.replace(/\/$/, '');
    const at = text.indexOf(`${root}/`);
    if (at < 0) return text.includes('://') ? undefined : /^\s*#(\d+)\s*$/.exec(text)?.[1];
    const m = /^(.+?)\/-\/issues\/(\d+)/.exec(text.slice(at + root.length + 1));
    if (!m) return undefined;
    const path = m[1]!;
    return path === this.o.project || /^\d+$/.test(this.o.project) ? m[2] : undefined;
  }
}

/** A JSON read that maps its HttpError like a request's. */
function mapFailure<T>(fn: () => T, classify: (err: unknown) => Failure): T {
  try {
    return fn();
  } catch (err) {
    throw classify(err).error;
  }
}
