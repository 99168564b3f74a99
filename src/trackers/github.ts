/**
 * GitHub Issues through @octokit/rest. Tickets are found by listing the repository's issues with
 * the postmortem label (every page, closed ones too) and reading the marker in their body: the list
 * endpoint is consistent at once, where the search API lags behind a create by up to a minute.
 * GitHub has no due date on issues, so the due date goes in the body.
 */
import { Octokit } from '@octokit/rest';
import { displayUrl } from '../connectors/http.js';
import { kindOf, statusWords, withRetries, type Failure, type RetryOptions } from './retry.js';
import {
  ticketFrom,
  TrackerError,
  type Ticket,
  type TicketDraft,
  type Tracker,
} from './tracker.js';

export interface GitHubOptions {
  /** `owner/name`. */
  repo: string;
  token: string;
  /** The env variable the token came from, named in auth errors. */
  tokenEnv: string;
  /** API root; `https://api.github.com` by default, `https://ghe.example/api/v3` for Enterprise. */
  url?: string;
  /** The label every aftermath ticket carries; the list is filtered by it. */
  label: string;
  timeoutMs?: number;
  retry?: RetryOptions;
}

interface IssueData {
  number: number;
  html_url: string;
  title: string;
  state: string;
  closed_at?: string | null;
  body?: string | null;
  pull_request?: unknown;
}

function ticketOf(issue: IssueData): Ticket {
  return ticketFrom(
    {
      ref: String(issue.number),
      url: issue.html_url,
      title: issue.title,
      closed: issue.state === 'closed',
      closedAt: issue.closed_at,
    },
    issue.body ?? '',
  );
}

function isIssue(x: unknown): x is IssueData {
  const i = x as IssueData;
  return (
    typeof i === 'object' &&
    i !== null &&
    typeof i.number === 'number' &&
    typeof i.title === 'string'
  );
}

export class GitHubTracker implements Tracker {
  readonly id = 'github' as const;
  private readonly octokit: Octokit;
  private readonly owner: string;
  private readonly name: string;
  private readonly webRoot: string;

  constructor(private readonly o: GitHubOptions) {
    const [owner, name] = o.repo.split('/');
    this.owner = owner ?? '';
    this.name = name ?? '';
    const timeoutMs = o.timeoutMs ?? 30_000;
    const api = o.url ?? 'https://api.github.com';
    this.webRoot =
      api === 'https://api.github.com' ? 'https://github.com' : api.replace(/\/api\/v3\/?$/, '');
    this.octokit = new Octokit({
      auth: o.token,
      baseUrl: api,
      userAgent: 'aftermath',
      // Octokit's default logger writes warnings to the console; aftermath reports its own.
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      request: {
        fetch: (url: string, init: RequestInit) =>
          fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
      },
    });
  }

  private classify(what: string): (err: unknown) => Failure {
    return (err: unknown): Failure => {
      if (err instanceof TrackerError) return { error: err };
      const e = err as {
        status?: number;
        message?: string;
        response?: { headers?: Record<string, string | undefined>; data?: unknown };
      };
      const headers = e.response?.headers ?? {};
      // No response: the request never got an answer (octokit calls that a 500).
      let status = e.response ? e.status : undefined;
      let retryAfter = headers['retry-after'];
      // GitHub's rate limits answer 403 (or 429) with a zero remaining count or a Retry-After.
      if (
        status === 403 &&
        (retryAfter !== undefined || headers['x-ratelimit-remaining'] === '0')
      ) {
        status = 429;
        const reset = Number(headers['x-ratelimit-reset']);
        if (retryAfter === undefined && Number.isFinite(reset))
          retryAfter = String(Math.max(0, Math.ceil(reset - Date.now() / 1000)));
      }
      const data = e.response?.data as { message?: string; errors?: unknown[] } | undefined;
      const said = data?.message
        ? `: ${data.message}${data.errors?.length ? ` (${data.errors.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ')})` : ''}`
        : !e.response && e.message
          ? `: ${e.message}`
          : '';
      const kind = kindOf(status);
      const error = new TrackerError(
        kind,
        `github ${this.o.repo}: ${what} failed, ${statusWords(status, this.o.tokenEnv)}${said}`.slice(
          0,
          400,
        ),
        { ...(status !== undefined ? { status } : {}), cause: err },
      );
      return { error, retryAfter };
    };
  }

  private async call<T>(what: string, fn: () => Promise<T>, safe = true): Promise<T> {
    return withRetries(what, fn, this.classify(what), this.o.retry, safe);
  }

  private checked(what: string, data: unknown): IssueData {
    if (!isIssue(data))
      throw new TrackerError(
        'bad-body',
        `github ${this.o.repo}: ${what}: expected an issue as JSON, received ${typeof data === 'string' ? `"${data.slice(0, 60)}"` : typeof data}`,
      );
    return data;
  }

  async findByPostmortem(postmortemId: string): Promise<Map<string, Ticket>> {
    const found = new Map<string, Ticket>();
    const prefix = `aftermath:${postmortemId}/`;
    for (let page = 1; ; page++) {
      const res = await this.call(`listing issues labelled ${this.o.label}`, async () => {
        const r = await this.octokit.rest.issues.listForRepo({
          owner: this.owner,
          repo: this.name,
          labels: this.o.label,
          state: 'all',
          per_page: 100,
          page,
        });
        if (!Array.isArray(r.data)) this.checked('listing issues', r.data);
        return r;
      });
      for (const raw of res.data as unknown[]) {
        if (!isIssue(raw) || raw.pull_request) continue;
        const t = ticketOf(raw);
        if (t.marker?.startsWith(prefix) && !found.has(t.marker)) found.set(t.marker, t);
      }
      if (!/rel="next"/.test(res.headers.link ?? '')) return found;
    }
  }

  async get(ref: string): Promise<Ticket | undefined> {
    try {
      const r = await this.call(`reading issue #${ref}`, () =>
        this.octokit.rest.issues.get({
          owner: this.owner,
          repo: this.name,
          issue_number: Number(ref),
        }),
      );
      return ticketOf(this.checked(`reading issue #${ref}`, r.data));
    } catch (err) {
      if (err instanceof TrackerError && err.kind === 'not-found') return undefined;
      throw err;
    }
  }

  private fields(draft: TicketDraft): {
    title: string;
    body: string;
    labels: string[];
    assignees?: string[];
  } {
    const body = draft.due ? `**Due:** ${draft.due}\n\n${draft.body}` : draft.body;
    return {
      title: draft.title,
      body,
      labels: draft.labels,
      ...(draft.assignee ? { assignees: [draft.assignee] } : {}),
    };
  }

  async create(draft: TicketDraft): Promise<Ticket> {
    const r = await this.call(
      `creating "${draft.title.slice(0, 40)}"`,
      () =>
        this.octokit.rest.issues.create({
          owner: this.owner,
          repo: this.name,
          ...this.fields(draft),
        }),
      false,
    );
    return ticketOf(this.checked('creating an issue', r.data));
  }

  async update(ref: string, draft: TicketDraft): Promise<Ticket> {
    const r = await this.call(`updating issue #${ref}`, () =>
      this.octokit.rest.issues.update({
        owner: this.owner,
        repo: this.name,
        issue_number: Number(ref),
        ...this.fields(draft),
      }),
    );
    return ticketOf(this.checked(`updating issue #${ref}`, r.data));
  }

  refFromLink(text: string): string | undefined {
    const root = displayUrl(this.webRoot).replace(/\/$/, '');
    const m = /(https?:\/\/[^\s)\]]+)\/([^/\s]+)\/([^/\s]+)\/issues\/(\d+)/.exec(text);
    if (m && m[1] === root && `${m[2]}/${m[3]}`.toLowerCase() === this.o.repo.toLowerCase())
      return m[4];
    // A bare `#42` is this repository's; a link elsewhere is not.
    if (text.includes('://')) return undefined;
    return /^\s*#(\d+)\s*$/.exec(text)?.[1];
  }
}
