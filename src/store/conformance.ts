/**
 * The store conformance suite: every Store implementation's test calls `storeConformance` with a
 * way to open an empty store, and the suite checks the behaviour the interface promises.
 */
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreConflictError, StoreNotFoundError } from './conflict.js';
import { parseDocument } from '../document/index.js';
import { sampleMarkdown, sampleRecord } from './conformance-samples.js';
import { recordFromDocument } from './record.js';
import { importFiles, markdownFiles } from './import.js';
import type { ArchivedPostmortem, Store } from './store.js';

export interface StoreFixture {
  /** Opens a new, empty store; `now` is its clock. */
  open(now: () => number): Promise<Store>;
}

const REAL_POSTMORTEMS = new URL('../../../shared/postmortems/', import.meta.url).pathname;

export function storeConformance(name: string, fixture: StoreFixture): void {
  describe(`store conformance: ${name}`, () => {
    const opened: Store[] = [];
    let clock = Date.UTC(2026, 1, 1);
    const open = async (): Promise<Store> => {
      const s = await fixture.open(() => clock);
      opened.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    it('starts empty', async () => {
      const s = await open();
      expect(await s.list()).toEqual([]);
      expect(await s.get('PM-0001')).toBeUndefined();
      expect(await s.search('checkout')).toEqual([]);
      expect(await s.actionItems()).toEqual([]);
    });

    it('adds a postmortem and gives back every part as written', async () => {
      const s = await open();
      const r = sampleRecord(1);
      expect(await s.upsert(r)).toEqual({ id: 'PM-0001', outcome: 'added', version: 1 });
      const got = await s.get('PM-0001');
      const { actionItems, ...rest } = r;
      expect(got).toMatchObject({ ...rest, version: 1, archivedAt: clock, updatedAt: clock });
      expect(got?.actionItems).toEqual(
        actionItems.map((a) => ({
          ...a,
          postmortemId: 'PM-0001',
          inDocument: true,
          history: a.status ? [{ status: a.status, at: clock, origin: 'document' }] : [],
        })),
      );
      // Sanity on the sample: every part the archive keeps is in it.
      expect(r.timeline.length).toBe(3);
      expect(r.factors.length).toBe(2);
      expect(r.actionItems[0]?.link).toEqual({
        tracker: 'github',
        url: 'https://github.com/acme/shop/issues/1',
        key: 'acme/shop#1',
      });
      expect(r.analysis.timeToDetectMs).toBe(5 * 60_000);
    });

    it('skips an unchanged postmortem and updates a changed one, adding 1 to its version', async () => {
      const s = await open();
      await s.upsert(sampleRecord(1));
      expect(await s.upsert(sampleRecord(1))).toEqual({
        id: 'PM-0001',
        outcome: 'unchanged',
        version: 1,
      });
      clock += 1000;
      const changed = sampleRecord(1, {
        title: 'Checkout ran out of connections',
        services: ['checkout'],
      });
      expect(await s.upsert(changed)).toEqual({ id: 'PM-0001', outcome: 'updated', version: 2 });
      const got = await s.get('PM-0001');
      expect(got).toMatchObject({
        title: 'Checkout ran out of connections',
        services: ['checkout'],
        version: 2,
      });
      expect(got?.updatedAt).toBe(clock);
      expect(got?.archivedAt).toBe(clock - 1000);
      expect(await s.list()).toHaveLength(1);
    });

    it('lists newest incident first, filtered by status, service, severity and start', async () => {
      const s = await open();
      await s.upsert(
        sampleRecord(1, {
          day: '2026-01-10',
          status: 'draft',
          severity: 'SEV1',
          services: ['search'],
        }),
      );
      await s.upsert(
        sampleRecord(2, {
          day: '2026-01-20',
          status: 'published',
          severity: 'SEV2',
          services: ['checkout', 'payments'],
        }),
      );
      await s.upsert(
        sampleRecord(3, {
          day: '2026-01-05',
          status: 'published',
          severity: 'SEV2',
          services: ['payments'],
        }),
      );
      const ids = async (f?: Parameters<Store['list']>[0]): Promise<string[]> =>
        (await s.list(f)).map((p) => p.id);
      expect(await ids()).toEqual(['PM-0002', 'PM-0001', 'PM-0003']);
      expect(await ids({ status: 'published' })).toEqual(['PM-0002', 'PM-0003']);
      expect(await ids({ service: 'payments' })).toEqual(['PM-0002', 'PM-0003']);
      expect(await ids({ severity: 'sev1' })).toEqual(['PM-0001']);
      expect(await ids({ since: Date.UTC(2026, 0, 8) })).toEqual(['PM-0002', 'PM-0001']);
      expect(await ids({ limit: 1 })).toEqual(['PM-0002']);
      const [first] = await s.list();
      expect(first).toMatchObject({
        id: 'PM-0002',
        version: 1,
        services: ['checkout', 'payments'],
        startedMs: Date.UTC(2026, 0, 20, 10),
        // A1 is open, A2 done.
        openActionItems: 1,
      });
    });

    it('searches the full text, best match first, with a snippet around the words', async () => {
      const s = await open();
      await s.upsert(sampleRecord(1, { keyword: 'during the quarterly failover drill' }));
      await s.upsert(
        sampleRecord(2, { title: 'Failover drill went wrong', keyword: 'in a failover drill' }),
      );
      await s.upsert(sampleRecord(3));
      const hits = await s.search('failover drill');
      expect(hits.map((h) => h.id)).toEqual(['PM-0002', 'PM-0001']);
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
      expect(hits[1]!.snippet).toMatch(/«failover» «drill»/i);
      expect(hits[1]!.title).toBe('Checkout latency incident 1');
      // Stemmed: "drills" finds "drill".
      expect((await s.search('drills')).map((h) => h.id).sort()).toEqual(['PM-0001', 'PM-0002']);
      expect(await s.search('nothing-like-this')).toEqual([]);
      // Query syntax in the user's words is just words, never an error.
      await expect(s.search('"drill" OR (AND - : *')).resolves.toBeInstanceOf(Array);
      expect(await s.search('   ')).toEqual([]);
      expect(await s.search('failover', { limit: 1 })).toHaveLength(1);
    });

    it('keeps the status history and tracker link across re-imports', async () => {
      const s = await open();
      await s.upsert(sampleRecord(1, { a1Ticket: 'none yet' }));
      clock += 1000;
      expect(
        await s.setActionStatus('PM-0001', 'A1', 'in-progress', {
          origin: 'tracker',
          note: 'synced',
        }),
      ).toBe(2);
      expect(
        await s.setActionLink('PM-0001', 'A1', {
          tracker: 'jira',
          url: 'https://acme.atlassian.net/browse/OPS-9',
          key: 'OPS-9',
        }),
      ).toBe(3);
      // The document is edited elsewhere (A1 still says "open"): the tracker's status and link stay.
      clock += 1000;
      await s.upsert(sampleRecord(1, { a1Ticket: 'none yet', title: 'Edited' }));
      let [a1] = await s.actionItems({ postmortemId: 'PM-0001', status: 'in-progress' });
      expect(a1).toMatchObject({
        key: 'A1',
        status: 'in-progress',
        link: { tracker: 'jira', url: 'https://acme.atlassian.net/browse/OPS-9', key: 'OPS-9' },
      });
      expect(a1?.history).toEqual([
        { status: 'open', at: clock - 2000, origin: 'document' },
        { status: 'in-progress', at: clock - 1000, origin: 'tracker', note: 'synced' },
      ]);
      // Now the document itself says done: that is news, and is recorded.
      clock += 1000;
      await s.upsert(sampleRecord(1, { a1Ticket: 'none yet', title: 'Edited', a1Status: 'done' }));
      [a1] = await s.actionItems({ postmortemId: 'PM-0001', status: 'done', linked: true });
      expect(a1?.history.at(-1)).toEqual({ status: 'done', at: clock, origin: 'document' });
      expect((await s.get('PM-0001'))?.version).toBe(5);
      // Unlinking.
      await s.setActionLink('PM-0001', 'A1', null);
      expect((await s.actionItems({ linked: true })).map((a) => a.key)).toEqual([]);
    });

    it('keeps an action item the document dropped, marked as no longer in it', async () => {
      const s = await open();
      await s.upsert(sampleRecord(1));
      await s.upsert(sampleRecord(1, { withoutA2: true }));
      expect((await s.actionItems()).map((a) => a.key)).toEqual(['A1']);
      const all = await s.actionItems({ removed: true });
      expect(all.map((a) => [a.key, a.inDocument])).toEqual([
        ['A1', true],
        ['A2', false],
      ]);
      expect(all[1]?.history.map((h) => h.status)).toEqual(['done']);
    });

    it('refuses a write at a stale version with a clear conflict', async () => {
      const s = await open();
      await s.upsert(sampleRecord(1));
      const seen = (await s.get('PM-0001'))!.version;
      await s.setActionStatus('PM-0001', 'A1', 'done', { expectedVersion: seen });
      const stale = s.setActionStatus('PM-0001', 'A2', 'open', { expectedVersion: seen });
      await expect(stale).rejects.toBeInstanceOf(StoreConflictError);
      await expect(stale).rejects.toThrow(
        /changed by another writer \(expected version 1, found 2\)/,
      );
      await expect(
        s.upsert(sampleRecord(1, { title: 'x' }), { expectedVersion: 1 }),
      ).rejects.toMatchObject({
        code: 'store-conflict',
        expected: 1,
        actual: 2,
      });
      await expect(
        s.setActionLink('PM-0001', 'A1', null, { expectedVersion: 1 }),
      ).rejects.toBeInstanceOf(StoreConflictError);
      // The refused writes changed nothing.
      const now = await s.get('PM-0001');
      expect(now?.version).toBe(2);
      expect(now?.actionItems.find((a) => a.key === 'A2')?.status).toBe('done');
      expect(await s.upsert(sampleRecord(1, { title: 'y' }), { expectedVersion: 2 })).toMatchObject(
        { version: 3 },
      );
    });

    it('says what is missing when a write names an unknown postmortem or item', async () => {
      const s = await open();
      await s.upsert(sampleRecord(1));
      await expect(s.setActionStatus('PM-9', 'A1', 'done')).rejects.toBeInstanceOf(
        StoreNotFoundError,
      );
      await expect(s.setActionStatus('PM-0001', 'A9', 'done')).rejects.toThrow(
        'archive: action item "A9" of postmortem "PM-0001" is not in the archive',
      );
      expect((await s.get('PM-0001'))?.version).toBe(1);
    });

    it('commits a batch whole or not at all', async () => {
      const s = await open();
      await s.upsert(sampleRecord(1));
      const failing = s.batch(async (w) => {
        await w.upsert(sampleRecord(2));
        await w.upsert(sampleRecord(1, { title: 'changed in the batch' }));
        await w.setActionStatus('PM-0001', 'A1', 'done');
        throw new Error('boom');
      });
      await expect(failing).rejects.toThrow('boom');
      expect((await s.list()).map((p) => p.id)).toEqual(['PM-0001']);
      const pm = await s.get('PM-0001');
      expect(pm).toMatchObject({ title: 'Checkout latency incident 1', version: 1 });
      expect(await s.search('changed')).toEqual([]);
      const ok = await s.batch(async (w) => [
        await w.upsert(sampleRecord(2)),
        await w.upsert(sampleRecord(3)),
      ]);
      expect(ok.map((r) => r.outcome)).toEqual(['added', 'added']);
    });

    it('runs concurrent batches from one process one after the other', async () => {
      const s = await open();
      await Promise.all(
        Array.from({ length: 6 }, (_, i) => s.batch((w) => w.upsert(sampleRecord(i + 1)))),
      );
      await Promise.all([1, 2, 3].map((n) => s.setActionStatus(`PM-000${n}`, 'A1', 'done')));
      expect(await s.list()).toHaveLength(6);
      expect((await s.actionItems({ status: 'done' })).length).toBe(6 + 3);
    });

    it('exports every postmortem in full and removes one with all it owns', async () => {
      const s = await open();
      for (const n of [1, 2, 3]) {
        await s.upsert(sampleRecord(n));
        clock += 1;
      }
      const out: ArchivedPostmortem[] = [];
      for await (const pm of s.export()) out.push(pm);
      expect(out.map((p) => p.id)).toEqual(['PM-0001', 'PM-0002', 'PM-0003']);
      expect(out[1]).toEqual(await s.get('PM-0002'));
      expect(await s.remove('PM-0002')).toBe(true);
      expect(await s.remove('PM-0002')).toBe(false);
      expect(await s.get('PM-0002')).toBeUndefined();
      expect((await s.actionItems({ removed: true })).map((a) => a.postmortemId)).not.toContain(
        'PM-0002',
      );
      expect((await s.search('checkout')).map((h) => h.id).sort()).toEqual(['PM-0001', 'PM-0003']);
    });

    it('gives a postmortem without an id a stable one derived from its path, and says so', async () => {
      const s = await open();
      const r1 = sampleRecord(1, { id: '' }, 'team/outage.md');
      const r2 = sampleRecord(1, { id: '' }, 'team/outage.md');
      expect(r1.id).toMatch(/^pm-[0-9a-f]{12}$/);
      expect(r1).toMatchObject({ id: r2.id, idFrom: 'derived' });
      expect(sampleRecord(1, { id: '' }, 'other/outage.md').id).not.toBe(r1.id);
      const doc = parseDocument(sampleMarkdown(1, { id: '' }), { source: 'team/outage.md' });
      expect(recordFromDocument(doc, 'team/outage.md').diagnostics).toMatchObject([
        { ruleId: 'store/derived-id', severity: 'info', data: { id: r1.id } },
      ]);
      await s.upsert(r1);
      expect(await s.upsert(r2)).toMatchObject({ outcome: 'unchanged' });
    });

    it.skipIf(!existsSync(REAL_POSTMORTEMS))(
      'imports the real public postmortems without errors, twice',
      async () => {
        const s = await open();
        const files = markdownFiles([REAL_POSTMORTEMS]);
        expect(files.length).toBeGreaterThan(20);
        const first = await importFiles(s, files, { cwd: REAL_POSTMORTEMS });
        expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(first).toMatchObject({ added: files.length, updated: 0, unchanged: 0, failed: 0 });
        const again = await importFiles(s, files, { cwd: REAL_POSTMORTEMS });
        expect(again).toMatchObject({ added: 0, updated: 0, unchanged: files.length, failed: 0 });
        expect(await s.list()).toHaveLength(files.length);
        expect((await s.search('Kubernetes')).length).toBeGreaterThan(5);
      },
    );
  });
}
