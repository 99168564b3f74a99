/**
 * `type: git` with a `url`: a remote repository fetched into a local cache, its commits in the
 * window (`commits.log`, the git-log format) and its deploy tags (`tags.jsonl`) for change events.
 */
import { AftermathError } from '../../errors.js';
import { authHeaders } from '../auth.js';
import { defineConnector } from '../connector.js';
import { cacheDir, REMOTE_HEAD, syncRemote } from './cache.js';
import { writeCommits } from './commits.js';
import { GitOptions } from './options.js';
import { parseRemoteUrl } from './remote-url.js';
import { gitRunner } from './run-git.js';
import { writeTags } from './tags.js';

export const git = defineConnector<GitOptions>({
  id: 'git',
  description: 'commits and deploy tags of a remote git repository in the window',
  options: GitOptions,
  describe(o) {
    const { clean } = parseRemoteUrl(o.url);
    return `git ${clean} ${o.ref ?? 'HEAD'}${o.deploy_tags !== undefined ? ` tags ${o.deploy_tags}` : ''}`;
  },
  async collect(ctx, o) {
    const remote = parseRemoteUrl(o.url);
    const headers: Record<string, string> = {};
    if (remote.authorization !== undefined) headers.Authorization = remote.authorization;
    Object.assign(headers, authHeaders(o.auth, ctx.env));
    const secrets = [remote.secret ?? '', ...Object.values(headers)];
    const g = gitRunner(ctx, headers, secrets);
    const dir = cacheDir(remote.clean, ctx.env);
    await syncRemote(ctx, g, remote.clean, dir);
    const ref = o.ref ?? REMOTE_HEAD;
    let sha: string;
    try {
      sha = (
        await g.text(['-C', dir, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
      ).trim();
    } catch (err) {
      if (!(err instanceof AftermathError)) throw err;
      throw new AftermathError(
        'git',
        `ref "${o.ref ?? 'HEAD'}" is not a commit in ${remote.clean}; expected a branch, tag or commit of the remote`,
      );
    }
    const counter = { items: 0 };
    await writeCommits(ctx, g, dir, sha, counter);
    if (o.deploy_tags !== undefined) {
      await writeTags(ctx, g, dir, o.deploy_tags, remote.repo, counter);
    }
  },
});
