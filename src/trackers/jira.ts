/**
 * Jira Cloud through jira.js (`Version3Client`). Tickets are found with the enhanced JQL search
 * (`GET /rest/api/3/search/jql`, paged by `nextPageToken`; the older `/search` is deprecated) over
 * the project's issues with the postmortem label, reading the marker from the ADF description.
 * An issue counts as closed when its status is in the "done" category.
 */
import { Version3Client } from 'jira.js';
import { adfText, toAdf } from './adf.js';
import { kindOf, statusWords, withRetries, type Failure, type RetryOptions } from './retry.js';
import {
  readMarker,
  ticketFrom,
  TrackerError,
  type Ticket,
  type TicketDraft,
  type Tracker,
} from './tracker.js';

export interface JiraOptions {
  /** Site root, e.g. `https://acme.atlassian.net`. */
  url: string;
  /** Project key, e.g. `OPS`. */
  project: string;
  email: string;
  token: string;
  /** The env variables the credentials came from, named in auth errors. */
  tokenEnv: string;
  issueType: string;
  label: string;
  timeoutMs?: number;
  retry?: RetryOptions;
}

interface IssueData {
  key: string;
  fields?: {
    summary?: string;
    description?: unknown;
    resolutiondate?: string | null;
    status?: { name?: string; statusCategory?: { key?: string } };
  };
}

const FIELDS = ['summary', 'status', 'resolutiondate', 'description'];

function isIssue(x: unknown): x is IssueData {
  return typeof x === 'object' && x !== null && typeof (x as IssueData).key === 'string';
}

/** JQL string literal. */
const jqlString = (s: string): string => `"${s.replace(/["\\]/g, '\\$&')}"`;

export class JiraTracker implements Tracker {
  readonly id = 'jira' as const;
  private readonly client: Version3Client;
  private readonly site: string;

  constructor(private readonly o: JiraOptions) {
    this.site = o.url.replace(/\/$/, '');
    this.client = new Version3Client({
      host: this.site,
      authentication: { basic: { email: o.email, apiToken: o.token } },
      baseRequestConfig: { timeout: o.timeoutMs ?? 30_000 },
    });
  }

  private ticketOf(issue: IssueData): Ticket {
    const f = issue.fields ?? {};
    return ticketFrom(
      {
        ref: issue.key,
        url: `${this.site}/browse/${issue.key}`,
        title: f.summary ?? '',
        closed: f.status?.statusCategory?.key === 'done',
        closedAt: f.resolutiondate ? new Date(f.resolutiondate).toISOString() : undefined,
      },
      adfText(f.description),
    );
  }

  private classify(what: string): (err: unknown) => Failure {
    return (err: unknown): Failure => {
      if (err instanceof TrackerError) return { error: err };
      const e = err as {
        status?: number;
        message?: string;
        response?: { data?: unknown; status?: number };
        cause?: { response?: { headers?: Record<string, string | undefined> } };
        isAxiosError?: boolean;
        code?: string;
      };
      // jira.js wraps answered requests in an HttpException (status, response.data, cause: the
      // axios error); a request with no answer comes through as the axios error itself.
      const answered = !(e.isAxiosError && !(e as { response?: unknown }).response);
      const status = answered ? (e.status ?? e.response?.status) : undefined;
      const data = e.response?.data as
        { errorMessages?: string[]; errors?: Record<string, string> } | undefined;
      const parts = [
        ...(data?.errorMessages ?? []),
        ...Object.entries(data?.errors ?? {}).map(([k, v]) => `${k}: ${v}`),
      ];
      const said = parts.length
        ? `: ${parts.join('; ')}`
        : !answered
          ? `: ${e.code ?? e.message ?? 'no answer'}`
          : '';
      const error = new TrackerError(
        kindOf(status),
        `jira ${this.o.project}: ${what} failed, ${statusWords(status, this.o.tokenEnv)}${said}`.slice(
          0,
          400,
        ),
        { ...(status !== undefined ? { status } : {}), cause: err },
      );
      return { error, retryAfter: e.cause?.response?.headers?.['retry-after'] };
    };
  }

  private call<T>(what: string, fn: () => Promise<T>, safe = true): Promise<T> {
    return withRetries(what, fn, this.classify(what), this.o.retry, safe);
  }

  async findByPostmortem(postmortemId: string): Promise<Map<string, Ticket>> {
    const found = new Map<string, Ticket>();
    const prefix = `aftermath:${postmortemId}/`;
    const jql = `project = ${jqlString(this.o.project)} AND labels = ${jqlString(this.o.label)} ORDER BY created ASC`;
    let token: string | undefined;
    do {
      const page = token;
      const res: unknown = await this.call('searching issues', () =>
        this.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
          jql,
          maxResults: 100,
          fields: FIELDS,
          ...(page !== undefined ? { nextPageToken: page } : {}),
        }),
      );
      const r = res as { issues?: unknown; nextPageToken?: string | null };
      if (typeof r !== 'object' || r === null || !Array.isArray(r.issues))
        throw new TrackerError(
          'bad-body',
          `jira ${this.o.project}: searching issues: expected { issues: [...] }, received ${typeof res === 'string' ? `"${res.slice(0, 60)}"` : typeof res}`,
        );
      for (const raw of r.issues as unknown[]) {
        if (!isIssue(raw)) continue;
        const t = this.ticketOf(raw);
        if (t.marker?.startsWith(prefix) && !found.has(t.marker)) found.set(t.marker, t);
      }
      token = r.nextPageToken ?? undefined;
    } while (token);
    return found;
  }

  async get(ref: string): Promise<Ticket | undefined> {
    try {
      const res: unknown = await this.call(`reading ${ref}`, () =>
        this.client.issues.getIssue({ issueIdOrKey: ref, fields: FIELDS }),
      );
      if (!isIssue(res))
        throw new TrackerError(
          'bad-body',
          `jira ${this.o.project}: reading ${ref}: expected an issue`,
        );
      return this.ticketOf(res);
    } catch (err) {
      if (err instanceof TrackerError && err.kind === 'not-found') return undefined;
      throw err;
    }
  }

  private fields(draft: TicketDraft): Record<string, unknown> {
    const f: Record<string, unknown> = {
      summary: draft.title,
      description: toAdf(draft.body),
      labels: draft.labels.map((l) => l.replace(/\s+/g, '-')),
    };
    if (draft.due) f.duedate = draft.due;
    if (draft.assignee) f.assignee = { accountId: draft.assignee };
    return f;
  }

  async create(draft: TicketDraft): Promise<Ticket> {
    const what = `creating "${draft.title.slice(0, 40)}"`;
    const res: unknown = await this.call(
      what,
      () =>
        this.client.issues.createIssue({
          fields: {
            project: { key: this.o.project },
            issuetype: { name: this.o.issueType },
            ...this.fields(draft),
          } as never,
        }),
      false,
    );
    if (!isIssue(res))
      throw new TrackerError('bad-body', `jira ${this.o.project}: ${what}: expected { key }`);
    // The create answer holds only id and key; the state of a new issue is open.
    return {
      ref: res.key,
      url: `${this.site}/browse/${res.key}`,
      title: draft.title,
      state: 'open',
      ...(readMarker(draft.body) ?? { marker: draft.marker }),
    };
  }

  async update(ref: string, draft: TicketDraft): Promise<Ticket> {
    await this.call(`updating ${ref}`, () =>
      this.client.issues.editIssue({ issueIdOrKey: ref, fields: this.fields(draft) as never }),
    );
    const t = await this.get(ref);
    if (!t)
      throw new TrackerError(
        'not-found',
        `jira ${this.o.project}: ${ref} vanished after an update`,
      );
    return t;
  }

  refFromLink(text: string): string | undefined {
    const key = new RegExp(`(?:^|/browse/|\\[)(${this.o.project.replace(/\W/g, '')}-\\d+)\\b`);
    return key.exec(text.trim())?.[1];
  }
}
