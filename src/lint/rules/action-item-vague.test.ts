import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';

const rule = 'action-item-vague';
const doc = (item: string): string => `# X\n\n## Action items\n\n- ${item}\n`;

describe(rule, () => {
  it.each([
    ['Improve monitoring', 'noObject'],
    ['Investigate', 'noObject'],
    ['Look into the issue', 'noObject'],
    ['Be more careful when deploying', 'exhortation'],
    ['We should monitor better', 'exhortation'],
    ['Better alerting', 'noObject'],
  ])('reports %s', (item, id) => {
    expect(ids(rule, doc(item))).toEqual([id]);
  });

  it.each([
    'Add an alert when p99 latency of checkout-api exceeds 2 s for 5 minutes',
    'Investigate grafana-agent memory usage',
    'Improve alerting for KIAM error rates',
    'Move the Redis instance to its own node group',
    'Review `pool_size` defaults so that they match the expected concurrency',
  ])('accepts %s', (item) => {
    expect(ids(rule, doc(item))).toEqual([]);
  });

  it('leaves done items alone', () => {
    expect(ids(rule, '# X\n\n## Action items\n\n- [x] Improve monitoring\n')).toEqual([]);
  });

  it('takes openings from options and the config', () => {
    expect(ids(rule, doc('Tidy up dashboards'), { options: { openings: ['tidy up'] } })).toEqual([
      'noObject',
    ]);
    expect(ids(rule, doc('Tidy up dashboards'), { phrases: { vague: ['tidy up'] } })).toEqual([
      'noObject',
    ]);
  });
});
