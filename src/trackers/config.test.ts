/** The trackers: config: defaults, one-line errors naming the key, owners found however they are written. */
import { describe, expect, it } from 'vitest';
import { accountFor, parseTrackersConfig } from './config.js';
import { openTracker } from './open-tracker.js';

describe('trackers config', () => {
  it('fills the defaults and ignores the lint keys beside it', () => {
    const c = parseTrackersConfig(
      'rules:\n  action-item-owner: off\ntrackers:\n  github: { repo: acme/ops }\n  owners:\n    "@Jane": { github: janedoe, gitlab: 123 }\n',
      '.aftermathrc.yaml',
    );
    expect(c.label).toBe('postmortem');
    expect(c.github).toEqual({ repo: 'acme/ops', token_env: 'GITHUB_TOKEN' });
    expect(accountFor(c, 'jane', 'github')).toBe('janedoe');
    expect(accountFor(c, '@jane', 'gitlab')).toBe('123');
    expect(accountFor(c, '@bob', 'github')).toBeUndefined();
  });

  it('says which key is wrong, on one line', () => {
    expect(() => parseTrackersConfig('trackers:\n  github: { repo: nope }\n', 'rc.yaml')).toThrow(
      'rc.yaml: trackers.github.repo: expected owner/name',
    );
    expect(() =>
      parseTrackersConfig(
        'trackers:\n  jira: { url: https://x.example, project: ops }\n',
        'rc.yaml',
      ),
    ).toThrow(/^rc\.yaml: trackers\.jira\.project: expected a project key/);
    expect(() => parseTrackersConfig('trackers: [\n', 'rc.yaml')).toThrow(
      /^rc\.yaml: invalid YAML at line/,
    );
  });

  it('needs the credentials in the environment and names the variable', () => {
    const c = parseTrackersConfig(
      'trackers:\n  jira: { url: https://x.example, project: OPS }\n',
      'rc.yaml',
    );
    expect(() => openTracker('jira', c, { env: { JIRA_EMAIL: 'a@b.example' } })).toThrow(
      'trackers.jira.token_env: environment variable JIRA_API_TOKEN is not set',
    );
    expect(() => openTracker('github', c, { env: {} })).toThrow(/trackers\.github: not configured/);
  });
});
