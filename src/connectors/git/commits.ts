/** The commits of a ref committed inside the window, in the git-log format's tab-separated lines. */
import { GIT_LOG_FORMAT } from '../../ingest/formats/git-log.js';
import type { CollectContext } from '../connector.js';
import type { GitRunner } from './run-git.js';

export const COMMITS_FILE = 'commits.log';
const DAY_MS = 86_400_000;

/**
 * Writes the commits whose committer date is in the window; returns how many. git's own
 * --since/--until stop at the first commit out of range in date order, so they get a day of
 * slack against skewed clocks and the exact window is applied here.
 */
export async function writeCommits(
  ctx: CollectContext,
  git: GitRunner,
  dir: string,
  sha: string,
  counter: { items: number },
): Promise<number> {
  const out = ctx.open(COMMITS_FILE, 'git-log');
  let n = 0;
  const args = [
    '-C',
    dir,
    'log',
    sha,
    '--reverse',
    '--date-order',
    '--date=iso-strict',
    `--format=${GIT_LOG_FORMAT}`,
    `--since=${new Date(ctx.window.since - DAY_MS).toISOString()}`,
    `--until=${new Date(ctx.window.until + DAY_MS).toISOString()}`,
  ];
  for await (const line of git.lines(args)) {
    const committed = Date.parse(line.split('\t', 3)[2] ?? '');
    if (!(committed >= ctx.window.since && committed < ctx.window.until)) continue;
    ctx.progress(counter.items + 1);
    counter.items++;
    n++;
    await out.line(line);
  }
  return n;
}
