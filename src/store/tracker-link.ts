/** Reads a tracker link from what an action item's ticket cell says: a GitHub, GitLab or Jira (or any other) URL. */
import type { TrackerLink } from './store.js';

const URL_IN_TEXT = /https?:\/\/[^\s<>()\]|]+/;
const GITHUB = /^https?:\/\/github\.com\/([^/]+\/[^/]+)\/(?:issues|pull)\/(\d+)/;
const GITLAB = /^https?:\/\/[^/]*gitlab[^/]*\/(.+?)\/-\/(?:issues|merge_requests)\/(\d+)/;
const JIRA_URL = /^https?:\/\/[^/]+\/browse\/([A-Z][A-Z0-9]+-\d+)/;

/** The link in `raw` (the cell's Markdown, so `[OPS-1](https://…)` yields the URL), if any. */
export function trackerLink(raw: string): TrackerLink | undefined {
  const url = URL_IN_TEXT.exec(raw)?.[0];
  if (url) {
    const gh = GITHUB.exec(url);
    if (gh) return { tracker: 'github', url, key: `${gh[1]}#${gh[2]}` };
    const gl = GITLAB.exec(url);
    if (gl) return { tracker: 'gitlab', url, key: `${gl[1]}#${gl[2]}` };
    const jira = JIRA_URL.exec(url);
    if (jira?.[1]) return { tracker: 'jira', url, key: jira[1] };
    return { tracker: 'other', url };
  }
  // A bare Jira key has no URL to store, only the key: not a link we can follow.
  return undefined;
}
