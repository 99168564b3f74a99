/** `aftermath actions` and `aftermath review` in-process: sync (dry run, idempotent, JSON), status, overdue, schedule, digest, errors, no token leaks. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  runActionsOverdue,
  runActionsStatus,
  runActionsSync,
  type ActionsContext,
} from '../src/cli/commands/actions.js';
import { runReviewDigest, runReviewSchedule } from '../src/cli/commands/review.js';
import { Output } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { POSTMORTEM } from './support/trackers/conformance.js';
import { fakeGitHub } from './support/trackers/github.js';
import { fakeStore, type FakeStore } from './support/trackers/store.js';
import { startFakeApi, type FakeApi } from './support/fake-api.js';

const token = 'ghp_cliSecretValue987654321';
let api: FakeApi;
let store: FakeStore;
let dir: string;
let stdout: string[];
let stderr: string[];

beforeAll(async () => {
  api = await startFakeApi((req) => fakeGitHub(store, 'acme/ops', token)(req));
});
afterAll(() => api.close());
beforeEach(() => {
  store = fakeStore();
  dir = mkdtempSync(join(tmpdir(), 'aftermath-actions-'));
  writeFileSync(
    join(dir, '.aftermathrc.yaml'),
    `trackers:\n  github: { repo: acme/ops, token_env: GH_TOKEN_CLI, url: "${api.url}" }\n  owners:\n    "@alice": { github: alice-gh, email: alice@acme.example }\n`,
  );
  writeFileSync(join(dir, 'pm.md'), POSTMORTEM);
  stdout = [];
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr.push(String(s));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

function ctx(): ActionsContext & { out: Output } {
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => stdout.push(c.toString()));
  return {
    out: new Output(stream),
    cwd: dir,
    env: { GH_TOKEN_CLI: token },
    open: { retry: { baseDelayMs: 1, maxDelayMs: 2 } },
  };
}
const file = (): string => readFileSync(join(dir, 'pm.md'), 'utf8');

describe('aftermath actions sync', () => {
  it('prints the plan on --dry-run and changes nothing', async () => {
    expect(await runActionsSync('pm.md', { to: 'github', dryRun: true }, ctx())).toBe(0);
    expect(stdout.join('').match(/^would create {2}AI-00\d/gm)).toHaveLength(3);
    expect(file()).toBe(POSTMORTEM);
    expect(store.issues).toHaveLength(0);
  });

  it('creates, writes the links, and does nothing on a second run', async () => {
    expect(await runActionsSync('pm.md', { to: 'github' }, ctx())).toBe(0);
    const once = file();
    expect(once).toContain(`[#1](${api.url}/acme/ops/issues/1)`);
    stdout = [];
    expect(await runActionsSync('pm.md', { to: 'github', json: true }, ctx())).toBe(0);
    const json = JSON.parse(stdout.join('')) as { written: boolean; entries: { action: string }[] };
    expect(json.written).toBe(false);
    expect(json.entries.map((e) => e.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(file()).toBe(once);
    expect(store.issues).toHaveLength(3);
    for (const text of [once, stdout.join(''), stderr.join('')]) expect(text).not.toContain(token);
  });

  it('exits 1 when an item fails, and says why on one line', async () => {
    writeFileSync(join(dir, 'pm.md'), POSTMORTEM.replace('@carol', '@ghost'));
    writeFileSync(
      join(dir, 'cfg.yaml'),
      `trackers:\n  github: { repo: acme/ops, token_env: GH_TOKEN_CLI, url: "${api.url}" }\n  owners: { "@ghost": { github: ghost } }\n`,
    );
    expect(await runActionsSync('pm.md', { to: 'github', config: 'cfg.yaml' }, ctx())).toBe(1);
    expect(stderr.join('')).toMatch(
      /pm\.md:\d+:1 error AI-003: github acme\/ops: creating .* HTTP 422 validation failed/,
    );
  });

  it('names a missing token variable and a bad tracker, exit 2', async () => {
    vi.stubEnv('GH_TOKEN_CLI', '');
    expect(await main(['actions', 'sync', join(dir, 'pm.md'), '--to', 'github'])).toBe(2);
    expect(stderr.join('')).toContain('environment variable GH_TOKEN_CLI is not set');
    expect(await main(['actions', 'sync', join(dir, 'pm.md'), '--to', 'trello'])).toBe(2);
    vi.unstubAllEnvs();
  });

  it('has help with examples', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main(['actions', 'sync', '--help'])).toBe(0);
    expect(write.mock.calls.map((c) => String(c[0])).join('')).toContain(
      'aftermath actions sync postmortem.md --to github --dry-run',
    );
  });
});

describe('aftermath actions status and overdue', () => {
  it('pulls a closed ticket into the status cell', async () => {
    await runActionsSync('pm.md', { to: 'github' }, ctx());
    store.close(1);
    stdout = [];
    expect(await runActionsStatus('pm.md', { json: true }, ctx())).toBe(0);
    const json = JSON.parse(stdout.join('')) as { items: { item: string; now: string }[] };
    expect(json.items[0]).toMatchObject({ item: 'AI-001', now: 'done' });
    expect(file()).toMatch(/\| @alice \| 2026-03-20 \| P1 \| prevent \| done \|/);
  });

  it('records pulled states in the archive with --db (origin tracker, at the closing time)', async () => {
    const db = join(dir, 'archive.db');
    await runActionsSync('pm.md', { to: 'github' }, ctx());
    const { openStore } = await import('../src/store/open-store.js');
    const { importFiles } = await import('../src/store/import.js');
    let archive = await openStore({ db });
    await importFiles(archive, [join(dir, 'pm.md')], { cwd: dir });
    await archive.close();
    store.close(1);
    expect(await runActionsStatus('pm.md', { db }, ctx())).toBe(0);
    expect(stderr.join('')).toMatch(/1 status change recorded in the archive/);
    archive = await openStore({ db });
    try {
      const [pm] = await archive.list();
      const item = (await archive.actionItems({ postmortemId: pm!.id })).find(
        (a) => a.key === '1',
      )!;
      expect(item.status).toBe('done');
      expect(item.history.at(-1)).toMatchObject({ status: 'done', origin: 'tracker' });
    } finally {
      await archive.close();
    }
  });

  it('lists overdue items and exits 1 when there are some', async () => {
    expect(await runActionsOverdue(['.'], { today: '2026-03-21', json: true }, ctx())).toBe(1);
    const json = JSON.parse(stdout.join('')) as { items: { itemId: string; owner: string }[] };
    expect(json.items.map((i) => i.itemId)).toEqual(['AI-003', 'AI-001']);
    stdout = [];
    expect(await runActionsOverdue(['pm.md'], { today: '2026-03-01' }, ctx())).toBe(0);
    expect(stdout.join('')).toContain('No open action items are past due as of 2026-03-01.');
  });

  it('reads the archive with --db: overdue items and the digest, with states the archive holds', async () => {
    const db = join(dir, 'archive.db');
    const { openStore } = await import('../src/store/open-store.js');
    const { importFiles } = await import('../src/store/import.js');
    const store = await openStore({ db });
    try {
      await importFiles(store, [join(dir, 'pm.md')], { cwd: dir });
      const [pm] = await store.list();
      // A tracker closed AI-003 after the import: the archive knows, the file does not.
      await store.setActionStatus(pm!.id, '3', 'done', {
        origin: 'tracker',
        at: Date.parse('2026-03-19T10:00:00Z'),
      });
    } finally {
      await store.close();
    }
    expect(await runActionsOverdue([], { today: '2026-03-21', json: true, db }, ctx())).toBe(1);
    const json = JSON.parse(stdout.join('')) as { items: { itemId: string }[] };
    expect(json.items.map((i) => i.itemId)).toEqual(['AI-001']);
    await runReviewDigest(
      [],
      { since: '2026-03-01', today: '2026-03-21', db, output: 'digest.md' },
      { cwd: dir },
    );
    const digest = readFileSync(join(dir, 'digest.md'), 'utf8');
    // AI-003 was closed on 2026-03-19 (the archive's status history), AI-001 is still overdue.
    expect(digest).toMatch(/, 1 closed, 1 overdue,/);
  });
});

describe('aftermath review', () => {
  it('writes an .ics with both reviews and the known e-mails', async () => {
    writeFileSync(
      join(dir, 'pm.md'),
      POSTMORTEM.replace('---\n\n#', 'resolved: 2026-03-04T14:55:00Z\n---\n\n#'),
    );
    expect(
      await runReviewSchedule(
        'pm.md',
        { after: '4w', output: 'review.ics' },
        { ...ctx(), now: Date.UTC(2026, 2, 5) },
      ),
    ).toBe(0);
    const ics = readFileSync(join(dir, 'review.ics'), 'utf8');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain('UID:2026-03-04-checkout-502s.follow-up@aftermath\r\n');
    expect(ics).toContain('DTSTART:20260401T150000Z\r\n');
    expect(ics).toContain('mailto:alice@acme.example');
  });

  it('writes a digest with -o', async () => {
    expect(
      await main([
        'review',
        'digest',
        dir,
        '--since',
        '30d',
        '--today',
        '2026-03-21',
        '-o',
        join(dir, 'digest.md'),
      ]),
    ).toBe(0);
    expect(readFileSync(join(dir, 'digest.md'), 'utf8')).toContain(
      '## Overdue\n\n- @alice: AI-001',
    );
  });
});
