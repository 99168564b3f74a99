/**
 * One conformance suite for every tracker (DESIGN §6), run by each tracker's test against a fake
 * server that speaks its API: one ticket per item and none on a second run, edited items updated,
 * tickets found across pages, lost create answers never doubled, 429/5xx retried, 401/404/422
 * as clear errors, states pulled back, and no credential anywhere in what is printed or written.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeApi } from '../fake-api.js';
import { parseDocument } from '../../../src/document/parse.js';
import { TrackersSchema, type TrackersConfig } from '../../../src/trackers/config.js';
import {
  fakeStore,
  seedNoise,
  type FakeHandler,
  type FakeServer,
  type FakeStore,
} from './store.js';
import { openTracker } from '../../../src/trackers/open-tracker.js';
import { pullStatus } from '../../../src/trackers/status.js';
import { executeSync, planSync } from '../../../src/trackers/sync.js';
import { TrackerError, type TrackerId } from '../../../src/trackers/tracker.js';

export interface TrackerFixture {
  id: TrackerId;
  /** The tracker's section of `trackers:`, pointing at the fake server. */
  section(url: string): Record<string, unknown>;
  env: Record<string, string>;
  /** The env variable holding the token, and its value (which must never show). */
  tokenEnv: string;
  secret: string;
  /** Accounts for @alice, @bob, and one the tracker rejects. */
  accounts: { alice: string | number; bob: string | number; bad: string | number };
  handler(store: FakeStore): FakeHandler;
  /** The due date as the fake stored it, for item n (GitHub keeps it in the body). */
  due(store: FakeStore, n: number): string | undefined;
}

export const POSTMORTEM = `---
id: 2026-03-04-checkout-502s
title: Checkout API returned 502s
---

# Checkout API returned 502s

## Action items

| ID | Action | Owner | Due | Priority | Type | Status | Ticket |
| -- | ------ | ----- | --- | -------- | ---- | ------ | ------ |
| 1 | Add a range check for pool settings to the deploy pipeline | @alice | 2026-03-20 | P1 | prevent | open | |
| 2 | Send 10% of traffic to the canary before promotion | @bob | 2026-03-27 | P2 | detect | open | |
| 3 | Lower the CheckoutErrorRate alert delay to 1 minute | @carol | 2026-03-13 | P2 | detect | in progress | |
`;

const MARKER = 'aftermath:2026-03-04-checkout-502s/';

export function trackerConformance(f: TrackerFixture): void {
  describe(`tracker conformance: ${f.id}`, () => {
    let api: FakeServer;
    let store: FakeStore;
    const sleeps: number[] = [];
    const apis: FakeServer[] = [];

    beforeEach(async () => {
      store = fakeStore();
      api = await startFakeApi((req) => f.handler(store)(req));
      apis.push(api);
      sleeps.length = 0;
    });
    afterAll(async () => {
      await Promise.all(apis.map((a) => a.close()));
    });

    const config = (carol?: string | number): TrackersConfig =>
      TrackersSchema.parse({
        [f.id]: f.section(api.url),
        owners: {
          '@alice': { [f.id]: f.accounts.alice },
          '@bob': { [f.id]: f.accounts.bob },
          ...(carol !== undefined ? { '@carol': { [f.id]: carol } } : {}),
        },
      });
    const open = (env = f.env, c = config()) =>
      openTracker(f.id, c, {
        env,
        retry: {
          retries: 3,
          baseDelayMs: 1,
          maxDelayMs: 4,
          sleep: async (ms: number) => {
            sleeps.push(ms);
          },
        },
        timeoutMs: 5_000,
      }).tracker;
    const sync = async (text: string, c = config()) => {
      const doc = parseDocument(text, { source: 'pm.md' });
      const tracker = open(f.env, c);
      const plan = await planSync(doc, tracker, c);
      return executeSync(doc, tracker, plan);
    };
    const ours = () => store.issues.filter((i) => i.body.includes(MARKER));
    const posts = () => api.requests.filter((r) => r.method === 'POST').length;

    it('creates one ticket per item with title, labels, owner and due date, and links them', async () => {
      const r = await sync(POSTMORTEM);
      expect(r.created).toBe(3);
      expect(r.failed).toBe(0);
      const issues = ours();
      expect(issues.map((i) => i.title)).toEqual([
        'AI-001: Add a range check for pool settings to the deploy pipeline',
        'AI-002: Send 10% of traffic to the canary before promotion',
        'AI-003: Lower the CheckoutErrorRate alert delay to 1 minute',
      ]);
      expect(issues[0]!.labels).toEqual(['postmortem', 'prevent']);
      expect(issues[0]!.assignee).toBe(String(f.accounts.alice));
      expect(issues[2]!.assignee).toBeUndefined();
      expect(f.due(store, issues[0]!.n)).toBe('2026-03-20');
      const doc = parseDocument(r.text);
      const cells = doc.actionItems!.items.map((i) => i.cells.ticket?.text);
      expect(cells.every((c) => c !== undefined && c !== '')).toBe(true);
      // Only the ticket cells changed.
      expect(r.text.replace(/ \[[^\]]+\]\([^)]+\) /g, ' ')).toBe(POSTMORTEM);
    });

    it('creates nothing on a second run, and updates only an edited item', async () => {
      const first = await sync(POSTMORTEM);
      const before = posts();
      const second = await sync(first.text);
      expect([second.created, second.updated]).toEqual([0, 0]);
      expect(second.plan.entries.map((e) => e.action)).toEqual([
        'unchanged',
        'unchanged',
        'unchanged',
      ]);
      expect(second.text).toBe(first.text);
      expect(posts()).toBe(before);
      const edited = first.text.replace('before promotion', 'for 10 minutes before promotion');
      const third = await sync(edited);
      expect(third.plan.entries.map((e) => e.action)).toEqual(['unchanged', 'update', 'unchanged']);
      expect(third.updated).toBe(1);
      expect(ours()[1]!.title).toBe(
        'AI-002: Send 10% of traffic to the canary for 10 minutes before promotion',
      );
      expect(ours()).toHaveLength(3);
    });

    it('finds its tickets by marker across pages when the document has no links yet', async () => {
      seedNoise(store, 'postmortem', 5);
      await sync(POSTMORTEM);
      seedNoise(store, 'postmortem', 5);
      const again = await sync(POSTMORTEM);
      expect(again.created).toBe(0);
      expect(ours()).toHaveLength(3);
      expect(again.text).not.toBe(POSTMORTEM);
    });

    it('never creates twice when a create was carried out but its answer was lost', async () => {
      store.afterCreate.push('truncate', 502);
      const r = await sync(POSTMORTEM);
      expect(r.failed).toBe(0);
      expect(ours()).toHaveLength(3);
      expect(new Set(ours().map((i) => i.title)).size).toBe(3);
      // Three creates and no blind second one: the lost answers were found by their marker.
      expect(posts()).toBe(3);
    });

    it('retries 429 (waiting the Retry-After) and 5xx', async () => {
      api.failNext(
        { status: 429, headers: { 'retry-after': '2' }, json: { message: 'slow down' } },
        { status: 503, body: 'unavailable' },
      );
      const r = await sync(POSTMORTEM);
      expect(r.created).toBe(3);
      expect(sleeps).toContain(2000);
      expect(ours()).toHaveLength(3);
    });

    it('retries a server too slow to answer, after the timeout', async () => {
      api.failNext({ delayMs: 1500, status: 503, body: 'late' });
      const c = config();
      const slow = openTracker(f.id, c, {
        env: f.env,
        retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
        timeoutMs: 300,
      }).tracker;
      const doc = parseDocument(POSTMORTEM, { source: 'pm.md' });
      const plan = await planSync(doc, slow, c);
      expect(plan.entries.map((e) => e.action)).toEqual(['create', 'create', 'create']);
      expect(api.requests.length).toBeGreaterThanOrEqual(2);
    });

    it('gives up on a Retry-After longer than allowed, with a clear error', async () => {
      api.failNext({
        status: 429,
        headers: { 'retry-after': '3600' },
        json: { message: 'slow down' },
      });
      const doc = parseDocument(POSTMORTEM, { source: 'pm.md' });
      const err = await planSync(doc, open(), config()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrackerError);
      expect((err as TrackerError).kind).toBe('rate-limited');
      expect((err as TrackerError).message).toMatch(/3600 s/);
    });

    it('reports a 401 in one line naming the variable, never the token', async () => {
      const doc = parseDocument(POSTMORTEM, { source: 'pm.md' });
      const env = { ...f.env, [f.tokenEnv]: 'wrong-token-value' };
      const err = await planSync(doc, open(env), config()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrackerError);
      expect((err as TrackerError).kind).toBe('auth');
      expect((err as TrackerError).message).toContain(f.tokenEnv);
      expect((err as TrackerError).message).not.toContain('\n');
      expect((err as TrackerError).message).not.toContain('wrong-token-value');
      expect(store.issues).toHaveLength(0);
    });

    it('fails a rejected item (validation error) alone and creates the others', async () => {
      const c = config(f.accounts.bad);
      const r = await sync(POSTMORTEM, c);
      expect([r.created, r.failed]).toEqual([2, 1]);
      const d = r.plan.diagnostics.find((x) => x.severity === 'error');
      expect(d?.message).toMatch(/^AI-003: .*(400|422)/);
      expect(d?.message).not.toContain('\n');
      expect(ours()).toHaveLength(2);
      const doc = parseDocument(r.text);
      expect(doc.actionItems!.items[2]!.cells.ticket?.text).toBe('');
    });

    it('leaves an item whose linked ticket is gone (404), with a warning', async () => {
      const first = await sync(POSTMORTEM);
      store.issues.splice(0, store.issues.length);
      const r = await sync(first.text);
      expect(r.created).toBe(0);
      expect(r.plan.entries.every((e) => e.action === 'skip')).toBe(true);
      expect(r.plan.diagnostics.filter((d) => d.severity === 'warning')).toHaveLength(3);
    });

    it('pulls ticket states into the status cells', async () => {
      const first = await sync(POSTMORTEM);
      store.close(ours()[0]!.n);
      const c = config();
      const doc = parseDocument(first.text, { source: 'pm.md' });
      const r = await pullStatus(doc, [open(f.env, c)], c);
      expect(r.states.map((s) => [s.itemId, s.now])).toEqual([
        ['AI-001', 'done'],
        ['AI-002', 'open'],
        ['AI-003', 'in progress'],
      ]);
      expect(r.states[0]!.ticket.closedAt).toMatch(/^2026-03-15T10:00:00/);
      const after = parseDocument(r.text).actionItems!.items.map((i) => i.status);
      expect(after).toEqual(['done', 'open', 'in-progress']);
    });

    it('writes and prints no credential', async () => {
      store.afterCreate.push(502);
      const r = await sync(POSTMORTEM, config(f.accounts.bad));
      const everything = JSON.stringify({
        text: r.text,
        plan: r.plan,
        d: r.plan.diagnostics.map((d) => d.message),
      });
      for (const v of Object.values(f.env)) expect(everything).not.toContain(v);
      expect(everything).not.toContain(f.secret);
    });
  });
}
