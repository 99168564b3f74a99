/**
 * A remote's URL without its credentials: what is stored in the cache's git config, printed and
 * put in the manifest. The credentials go to git through its environment, never argv or disk.
 */
import { isAbsolute } from 'node:path';
import { ConfigError } from '../../errors.js';

export interface RemoteUrl {
  /** The URL (or path) with no password or token in it. */
  clean: string;
  /** `Authorization` for http(s) remotes that carried `user:token@`. */
  authorization?: string;
  /** The secret taken out of the URL, to scrub from any message. */
  secret?: string;
  /** The repository's name: the last path segment without `.git`. */
  repo: string;
}

const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?!\/\/)/;

function repoName(path: string): string {
  const last = path.replace(/\/+$/, '').split(/[/:]/).pop() ?? '';
  return last.replace(/\.git$/, '') || 'repository';
}

/** Splits the credentials off a remote; a relative path is a ConfigError (relative to what?). */
export function parseRemoteUrl(url: string): RemoteUrl {
  if (SCP_LIKE.test(url)) return { clean: url, repo: repoName(url) };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    if (!isAbsolute(url)) {
      throw new ConfigError(
        `url: "${url}" is a relative path; expected a remote URL, an absolute path, or \`path:\` for a repository in the case folder`,
      );
    }
    return { clean: url, repo: repoName(url) };
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(`url: cannot read "${redactUserinfo(url)}" as a URL`);
  }
  const user = decodeURIComponent(u.username);
  const secret = decodeURIComponent(u.password);
  const http = u.protocol === 'http:' || u.protocol === 'https:';
  // ssh needs the login name and takes no password from a URL; http(s) gets both by header.
  if (http) u.username = '';
  u.password = '';
  const out: RemoteUrl = { clean: u.toString(), repo: repoName(u.pathname) };
  if (secret !== '') out.secret = secret;
  if (http && (user !== '' || secret !== '')) {
    out.authorization = `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
  }
  return out;
}

/** `scheme://user:pass@host` → `scheme://host` in any text, for messages about a URL that failed to parse. */
export function redactUserinfo(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
}
