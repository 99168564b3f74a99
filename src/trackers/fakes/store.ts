/**
 * The issues a fake tracker holds, the faults it can be told to commit after acting, and the
 * shape of test/support/fake-api.ts restated, so that nothing under src/ imports from test/.
 */

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = unknown>(): T;
}

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string;
  delayMs?: number;
  truncate?: boolean;
}

export type FakeHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  failNext(...responses: (FakeResponse & { pathPrefix?: string })[]): void;
  close(): Promise<void>;
}

/** `startFakeApi` from test/support/fake-api.ts, passed in by the tests. */
export type StartFakeServer = (handler: FakeHandler) => Promise<FakeServer>;

export interface FakeIssue {
  n: number;
  title: string;
  body: string;
  labels: string[];
  assignee?: string;
  due?: string;
  state: 'open' | 'closed';
  closedAt?: string;
}

export interface FakeStore {
  issues: FakeIssue[];
  /** Largest page the fake serves, whatever the client asks (to exercise pagination). */
  pageSize: number;
  /** The next create is carried out, then answered with this instead (a lost or broken answer). */
  afterCreate: ('truncate' | 502)[];
  /** Accounts the tracker rejects as assignees (a validation error). */
  badAssignees: Set<string>;
  close(n: number, at?: string): void;
}

export function fakeStore(): FakeStore {
  const store: FakeStore = {
    issues: [],
    pageSize: 2,
    afterCreate: [],
    badAssignees: new Set(['ghost', '999999', 'no-such-account']),
    close(n, at = '2026-03-15T10:00:00Z') {
      const i = store.issues.find((x) => x.n === n);
      if (i) {
        i.state = 'closed';
        i.closedAt = at;
      }
    },
  };
  return store;
}

/** Unrelated issues with the label, so that a search has pages to walk. */
export function seedNoise(store: FakeStore, label: string, count: number): void {
  for (let k = 0; k < count; k++)
    store.issues.push({
      n: store.issues.length + 1,
      title: `Unrelated ${k}`,
      body: `aftermath:other-postmortem/AI-${k}`,
      labels: [label],
      state: 'open',
    });
}
