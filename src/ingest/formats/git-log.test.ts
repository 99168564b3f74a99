import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { assembleText } from '../assemble.js';
import { createParseContext } from '../parse-context.js';
import { GIT_LOG_FORMAT, gitLog } from './git-log.js';

const reference = new Date('2026-11-22T20:00:00Z');
const ctx = () => createParseContext({ reference });
const read = (text: string, c = ctx()) => assembleText(text, gitLog, c).events;
const iso = (ms: number) => new Date(ms).toISOString();

const MEDIUM = `commit 7605eb110acd72071e05e5af8a3fc81d14e3a8bd
Author: Tomás Ferreira <tomas.ferreira@ledgerly.example>
Date:   Sun Nov 22 19:31:47 2026 +0000

    Revert "db: hold the ledger lock across the whole batch (#88)"
    
    This reverts commit 4c76e62b3d9ca469c9cf82fa505aee4e78dcee2b.

 src/batch.go | 3 ++-
 src/lock.go  | 9 ---------
 2 files changed, 2 insertions(+), 10 deletions(-)

commit 823c17326c2c2a4f93f16ab76058af7dbbd3ed94
Merge: eff2d33 494a5a1
Author: Priya Raman <priya.raman@ledgerly.example>
Date:   Fri Nov 13 15:00:00 2026 +0530

    Merge branch 'feature/retry'
`;

const FULLER = `commit 4c76e62b3d9ca469c9cf82fa505aee4e78dcee2b
Author:     Hanna Berg <hanna.berg@ledgerly.example>
AuthorDate: Wed Nov 18 08:55:31 2026 +0100
Commit:     GitHub <noreply@github.example>
CommitDate: Sun Nov 22 19:05:02 2026 +0000

    db: hold the ledger lock across the whole batch (#88)

 src/batch.go | 1 +
 1 file changed, 1 insertion(+)
`;

describe('git-log', () => {
  it('starts a commit without a time; the Date line supplies it', () => {
    const first = gitLog.parse('commit 7605eb110acd72071e05e5af8a3fc81d14e3a8bd', ctx());
    expect(Number.isNaN(first!.ts)).toBe(true);
    const [revert, merge] = read(MEDIUM);
    expect(iso(revert!.ts)).toBe('2026-11-22T19:31:47.000Z');
    expect(revert!.zoned).toBe(true);
    expect(revert!.tsText).toBe('Sun Nov 22 19:31:47 2026 +0000');
    expect(revert!.level).toBe('notice');
    expect(revert!.message).toBe('Revert "db: hold the ledger lock across the whole batch (#88)"');
    expect(revert!.endLine).toBe(11);
    expect(revert!.attrs).toEqual({
      sha: '7605eb110acd72071e05e5af8a3fc81d14e3a8bd',
      author: 'Tomás Ferreira',
      email: 'tomas.ferreira@ledgerly.example',
      authorDate: '2026-11-22T19:31:47.000Z',
      revert: true,
      reverts: '4c76e62b3d9ca469c9cf82fa505aee4e78dcee2b',
      filesChanged: 2,
      insertions: 2,
      deletions: 10,
    });
    expect(iso(merge!.ts)).toBe('2026-11-13T09:30:00.000Z');
    expect(merge!.message).toBe("Merge branch 'feature/retry'");
    expect(merge!.attrs.merge).toBe('eff2d33 494a5a1');
  });

  it('puts a commit at its commit date and keeps the author date (fuller)', () => {
    const [e] = read(FULLER);
    expect(iso(e!.ts)).toBe('2026-11-22T19:05:02.000Z');
    expect(e!.tsText).toBe('Sun Nov 22 19:05:02 2026 +0000');
    expect(e!.attrs).toMatchObject({
      authorDate: '2026-11-18T07:55:31.000Z',
      commitDate: '2026-11-22T19:05:02.000Z',
      committer: 'GitHub',
      committerEmail: 'noreply@github.example',
      filesChanged: 1,
      insertions: 1,
      deletions: 0,
    });
    // CommitDate wins whichever order the dates come in.
    const swapped = FULLER.replace(
      /^(AuthorDate: .*)\n(Commit: .*)\n(CommitDate: .*)$/m,
      '$2\n$3\n$1',
    );
    expect(iso(read(swapped)[0]!.ts)).toBe('2026-11-22T19:05:02.000Z');
  });

  it('reads --parents, --decorate and the other --date styles', () => {
    const text = (date: string) =>
      `commit 823c17326c2c2a4f93f16ab76058af7dbbd3ed94 eff2d33aec1b310263310d4c15b73f9cebcfe02f 494a5a1b51fcdebfd553a5b5f757410a43ceb6fb (HEAD -> main, tag: v1.4.0)\nAuthor: P <p@x>\nDate:   ${date}\n\n    subject\n`;
    const [e] = read(text('2026-11-13 15:00:00 +0530'));
    expect(iso(e!.ts)).toBe('2026-11-13T09:30:00.000Z');
    expect(e!.attrs).toMatchObject({
      merge: 'eff2d33aec1b310263310d4c15b73f9cebcfe02f 494a5a1b51fcdebfd553a5b5f757410a43ceb6fb',
      refs: 'HEAD -> main, tag: v1.4.0',
    });
    expect(iso(read(text('2026-11-13T15:00:00+05:30'))[0]!.ts)).toBe('2026-11-13T09:30:00.000Z');
    expect(iso(read(text('Fri, 13 Nov 2026 15:00:00 +0530'))[0]!.ts)).toBe(
      '2026-11-13T09:30:00.000Z',
    );
    expect(iso(read(text('1794562200 +0530'))[0]!.ts)).toBe('2026-11-13T09:30:00.000Z');
    // --date=local prints no zone: it is read in the zone the user gives.
    const berlin = createParseContext({ zone: resolveZone('Europe/Berlin')!, reference });
    const local = read(text('Fri Nov 13 15:00:00 2026'), berlin)[0]!;
    expect(iso(local.ts)).toBe('2026-11-13T14:00:00.000Z');
    expect(local.zoned).toBe(false);
  });

  it('reads the tab-separated format aftermath asks git for', () => {
    expect(GIT_LOG_FORMAT).toBe('%H%x09%aI%x09%cI%x09%an%x09%ae%x09%s');
    const e = gitLog.parse(
      '4c76e62b3d9ca469c9cf82fa505aee4e78dcee2b\t2026-11-18T08:55:31+01:00\t2026-11-22T19:05:02+00:00\tHanna Berg\thanna.berg@ledgerly.example\tdb: hold\tthe lock',
      ctx(),
    );
    expect(iso(e!.ts)).toBe('2026-11-22T19:05:02.000Z');
    expect(e!.message).toBe('db: hold\tthe lock');
    expect(e!.attrs).toEqual({
      sha: '4c76e62b3d9ca469c9cf82fa505aee4e78dcee2b',
      author: 'Hanna Berg',
      email: 'hanna.berg@ledgerly.example',
      authorDate: '2026-11-18T07:55:31.000Z',
      commitDate: '2026-11-22T19:05:02.000Z',
    });
  });

  it('reads what the real git writes with GIT_LOG_FORMAT', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftermath-git-'));
    try {
      const git = (args: string[], env: Record<string, string> = {}) =>
        execFileSync('git', args, { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
      git(['init', '-q']);
      writeFileSync(join(dir, 'a.txt'), 'a\n');
      git(['add', 'a.txt']);
      git(['commit', '-q', '-m', 'first: add a\n\nbody line'], {
        GIT_AUTHOR_NAME: 'Ann Example',
        GIT_AUTHOR_EMAIL: 'ann@example.test',
        GIT_AUTHOR_DATE: '2026-11-20T09:00:00+01:00',
        GIT_COMMITTER_NAME: 'Ann Example',
        GIT_COMMITTER_EMAIL: 'ann@example.test',
        GIT_COMMITTER_DATE: '2026-11-22T18:30:00-03:00',
      });
      const out = git(['log', '--date=iso-strict', `--format=${GIT_LOG_FORMAT}`]);
      const c = ctx();
      expect(gitLog.detect(out.split('\n'), c)).toBe(1);
      const [e] = read(out, c);
      expect(iso(e!.ts)).toBe('2026-11-22T21:30:00.000Z');
      expect(e!.message).toBe('first: add a');
      expect(e!.attrs).toMatchObject({
        author: 'Ann Example',
        authorDate: '2026-11-20T08:00:00.000Z',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is detected by its first commit line only', () => {
    expect(
      gitLog.detect(
        ['', 'commit 7605eb110acd72071e05e5af8a3fc81d14e3a8bd', 'Author: x <y>'],
        ctx(),
      ),
    ).toBe(1);
    expect(gitLog.detect(['commit 7605eb1', 'Author: x <y>'], ctx())).toBe(0);
    expect(gitLog.detect(['2026-11-22 19:37:17.841 UTC [5381] LOG:  x'], ctx())).toBe(0);
    expect(gitLog.detect(['7605eb1 Revert "db: hold the ledger lock"'], ctx())).toBe(0);
  });

  it('rejects lines of other formats', () => {
    const others = [
      'commit 7605eb1',
      'commit 7605eb110acd72071e05e5af8a3fc81d14e3a8bdX',
      'Author: Tomás Ferreira <tomas.ferreira@ledgerly.example>',
      '    Revert "db: hold the ledger lock across the whole batch (#88)"',
      '7605eb110acd72071e05e5af8a3fc81d14e3a8bd Revert "db"',
      'cafe 2026-11-22T19:37:36Z',
      '2026-11-22T19:37:36.533Z INFO x',
    ];
    for (const line of others) expect(gitLog.parse(line, ctx()), line).toBeNull();
  });
});
