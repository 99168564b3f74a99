import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/index.js';
import { recordFromDocument } from './record.js';
import { trackerLink } from './tracker-link.js';

describe('trackerLink', () => {
  it('reads GitHub, GitLab and Jira links with their keys, from a URL or a Markdown link', () => {
    expect(trackerLink('[#12](https://github.com/acme/shop/issues/12)')).toEqual({
      tracker: 'github',
      url: 'https://github.com/acme/shop/issues/12',
      key: 'acme/shop#12',
    });
    expect(trackerLink('https://gitlab.example.com/ops/infra/-/issues/7')).toEqual({
      tracker: 'gitlab',
      url: 'https://gitlab.example.com/ops/infra/-/issues/7',
      key: 'ops/infra#7',
    });
    expect(trackerLink('see https://acme.atlassian.net/browse/OPS-42.')).toMatchObject({
      tracker: 'jira',
      key: 'OPS-42',
    });
    expect(trackerLink('https://wiki.example.com/runbook')).toEqual({
      tracker: 'other',
      url: 'https://wiki.example.com/runbook',
    });
    expect(trackerLink('OPS-42')).toBeUndefined();
    expect(trackerLink('')).toBeUndefined();
  });
});

describe('recordFromDocument', () => {
  it('dates an incident without front-matter times by its first dated timeline row', () => {
    const text = [
      '# Queue backlog',
      '',
      '## Timeline',
      '',
      '| Time (UTC) | Event |',
      '| --- | --- |',
      '| 2025-03-02 09:30 | Consumers restarted |',
      '| 2025-03-02 09:10 | Backlog alert |',
      '',
    ].join('\n');
    const { record, diagnostics } = recordFromDocument(
      parseDocument(text, { source: 'q.md' }),
      'q.md',
    );
    expect(record.startedMs).toBe(Date.UTC(2025, 2, 2, 9, 10));
    expect(record).toMatchObject({ title: 'Queue backlog', idFrom: 'derived', frontMatter: {} });
    expect(record.analysis).toEqual({ timelineRows: 2, factors: 0, actionItems: 0 });
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['store/derived-id']);
    // Table cells stay separate words for full text ("Time (UTC) | Event", not "EventConsumers").
    expect(record.plainText).toContain('Consumers restarted');
    expect(record.plainText).not.toMatch(/EventConsumers|Event2025/);
  });

  it('keys action items by their ID cell, by position when it is missing or repeated', () => {
    const text = [
      '---',
      'id: PM-1',
      '---',
      '## Action items',
      '',
      '| ID | Action | Owner |',
      '| --- | --- | --- |',
      '| AI-1 | Add an alert on queue depth | @ann |',
      '| AI-1 | Write the consumer runbook | @bo |',
      '|  | Load test the consumers | @cy |',
      '',
    ].join('\n');
    const { record } = recordFromDocument(parseDocument(text), 'x.md');
    expect(record.actionItems.map((a) => a.key)).toEqual(['AI-1', '#2', '#3']);
    expect(record.actionItems[0]).toMatchObject({
      text: 'Add an alert on queue depth',
      owner: '@ann',
    });
  });
});
