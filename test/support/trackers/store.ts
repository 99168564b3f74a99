/** The issues a fake tracker holds, and the faults it can be told to commit after acting. */
import type { FakeApi, FakeHandler, FakeRequest, FakeResponse } from '../fake-api.js';

export type { FakeHandler, FakeRequest, FakeResponse };
export type FakeServer = FakeApi;

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
