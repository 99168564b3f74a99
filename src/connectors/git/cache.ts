/**
 * The local copy of a remote: a bare, blob-less clone under the cache folder, fetched again on
 * every collect. Its config holds only the URL without credentials.
 */
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { diagnostic } from '../../core/diagnostic.js';
import { AftermathError } from '../../errors.js';
import type { CollectContext } from '../connector.js';
import type { GitRunner } from './run-git.js';

/** Where the remote-HEAD of the last fetch is kept. */
export const REMOTE_HEAD = 'refs/aftermath/HEAD';

/** `$XDG_CACHE_HOME/aftermath/git/<hash>`, else under the OS temp folder. */
export function cacheDir(
  cleanUrl: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const hash = createHash('sha256').update(cleanUrl).digest('hex').slice(0, 16);
  const xdg = env.XDG_CACHE_HOME;
  return xdg ? join(xdg, 'aftermath', 'git', hash) : join(tmpdir(), 'aftermath-git', hash);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Clones (once) and fetches the remote's branches, tags and HEAD into `dir`. */
export async function syncRemote(
  ctx: CollectContext,
  git: GitRunner,
  cleanUrl: string,
  dir: string,
): Promise<void> {
  if (!(await exists(join(dir, 'HEAD')))) {
    await mkdir(dirname(dir), { recursive: true });
    // Cloned beside and renamed into place, so a killed clone never looks like a cache.
    const tmp = `${dir}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`;
    try {
      try {
        await git.text(['clone', '--bare', '--quiet', '--filter=blob:none', '--', cleanUrl, tmp]);
      } catch (err) {
        if (!(err instanceof AftermathError)) throw err;
        await rm(tmp, { recursive: true, force: true });
        await git.text(['clone', '--bare', '--quiet', '--', cleanUrl, tmp]);
        ctx.report(
          diagnostic(
            'collect/git-full-clone',
            ctx.source,
            'info',
            `${ctx.source}: a blob-less clone of ${cleanUrl} failed (${err.message}); made a full clone instead`,
          ),
        );
      }
      if (await exists(join(dir, 'HEAD'))) await rm(tmp, { recursive: true, force: true });
      else await rename(tmp, dir);
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      throw err;
    }
  }
  await git.text([
    '-C',
    dir,
    'fetch',
    '--quiet',
    '--prune',
    '--no-write-fetch-head',
    'origin',
    '+refs/heads/*:refs/heads/*',
    '+refs/tags/*:refs/tags/*',
    `+HEAD:${REMOTE_HEAD}`,
  ]);
}
