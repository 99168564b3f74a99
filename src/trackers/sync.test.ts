/** Sync on list-form action items: the link lands as a `(ticket: …)` field and a second run changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApi, type FakeApi } from '../../test/support/fake-api.js';
import { parseDocument } from '../document/parse.js';
import { TrackersSchema } from './config.js';
import { fakeGitLab } from '../../test/support/trackers/gitlab.js';
import { fakeStore } from '../../test/support/trackers/store.js';
import { openTracker } from './open-tracker.js';
import { executeSync, planSync } from './sync.js';

const store = fakeStore();
let api: FakeApi;
beforeAll(async () => {
  api = await startFakeApi(fakeGitLab(store, 'acme/ops', 'tok-1234'));
});
afterAll(() => api.close());

const TEXT = `# Disk full on db-1

## Action items

- Alert on disk usage above 80% (owner: @jane, due: 2026-04-01, type: detect)
- [x] Rotate the WAL archive daily (owner: @sam)
`;

describe('sync of list items', () => {
  it('writes the link into each item once, and ids come from the position with a warning', async () => {
    const config = TrackersSchema.parse({
      gitlab: { project: 'acme/ops', url: api.url, token_env: 'T' },
    });
    const run = async (text: string) => {
      const doc = parseDocument(text, { source: 'disk-full.md' });
      const tracker = openTracker('gitlab', config, { env: { T: 'tok-1234' } }).tracker;
      return executeSync(doc, tracker, await planSync(doc, tracker, config));
    };
    const first = await run(TEXT);
    expect(first.created).toBe(2);
    expect(first.plan.diagnostics.filter((d) => d.severity === 'warning')).toHaveLength(2);
    expect(first.text).toContain(
      `- Alert on disk usage above 80% (owner: @jane, due: 2026-04-01, type: detect) (ticket: [#1](${api.url}/acme/ops/-/issues/1))\n`,
    );
    expect(store.issues[0]).toMatchObject({
      title: 'AI-001: Alert on disk usage above 80%',
      due: '2026-04-01',
      labels: ['postmortem', 'detect'],
    });
    expect(store.issues[0]!.body).toContain('<!-- aftermath:disk-full/AI-001 fp:');
    const second = await run(first.text);
    expect(second.plan.entries.map((e) => e.action)).toEqual(['unchanged', 'unchanged']);
    expect(second.text).toBe(first.text);
  });
});
