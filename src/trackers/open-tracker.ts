/** A tracker from the config and the environment: credentials are read here and nowhere else. */
import type { HttpOptions } from '../connectors/http.js';
import { ConfigError } from '../errors.js';
import type { TrackersConfig } from './config.js';
import { GitHubTracker } from './github.js';
import { GitLabTracker } from './gitlab.js';
import { JiraTracker } from './jira.js';
import type { RetryOptions } from './retry.js';
import type { Tracker, TrackerId } from './tracker.js';

export interface OpenOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** Retry timing (tests make it fast). */
  retry?: RetryOptions;
  timeoutMs?: number;
}

export interface OpenedTracker {
  tracker: Tracker;
  /** Credential values, so that callers can check no output carries them. */
  secrets: string[];
}

function need(env: OpenOptions['env'], name: string, what: string): string {
  const v = env?.[name];
  if (v === undefined || v === '')
    throw new ConfigError(`trackers.${what}: environment variable ${name} is not set`);
  return v;
}

export function openTracker(
  id: TrackerId,
  config: TrackersConfig,
  options: OpenOptions = {},
): OpenedTracker {
  const env = options.env ?? process.env;
  const retry = options.retry ?? {};
  const timing = options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {};
  if (id === 'github') {
    const c = config.github;
    if (!c) throw new ConfigError('trackers.github: not configured (expected repo: owner/name)');
    const token = need(env, c.token_env, 'github.token_env');
    const tracker = new GitHubTracker({
      repo: c.repo,
      token,
      tokenEnv: c.token_env,
      label: config.label,
      retry,
      ...timing,
      ...(c.url ? { url: c.url } : {}),
    });
    return { tracker, secrets: [token] };
  }
  if (id === 'gitlab') {
    const c = config.gitlab;
    if (!c) throw new ConfigError('trackers.gitlab: not configured (expected project and url)');
    const token = need(env, c.token_env, 'gitlab.token_env');
    const http: HttpOptions = {
      ...timing,
      ...(retry.retries !== undefined ? { retries: retry.retries } : {}),
      ...(retry.baseDelayMs !== undefined ? { baseDelayMs: retry.baseDelayMs } : {}),
      ...(retry.maxDelayMs !== undefined ? { maxDelayMs: retry.maxDelayMs } : {}),
      ...(retry.maxRetryAfterMs !== undefined ? { maxRetryAfterMs: retry.maxRetryAfterMs } : {}),
      ...(retry.sleep ? { sleep: retry.sleep } : {}),
      ...(retry.random ? { random: retry.random } : {}),
    };
    const tracker = new GitLabTracker({
      project: c.project,
      token,
      tokenEnv: c.token_env,
      url: c.url,
      label: config.label,
      http,
      retry,
    });
    return { tracker, secrets: [token] };
  }
  const c = config.jira;
  if (!c) throw new ConfigError('trackers.jira: not configured (expected url and project)');
  const email = need(env, c.email_env, 'jira.email_env');
  const token = need(env, c.token_env, 'jira.token_env');
  const tracker = new JiraTracker({
    url: c.url,
    project: c.project,
    email,
    token,
    tokenEnv: c.token_env,
    issueType: c.issue_type,
    label: config.label,
    retry,
    ...timing,
  });
  return { tracker, secrets: [token, Buffer.from(`${email}:${token}`).toString('base64')] };
}
