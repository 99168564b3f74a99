import { describe, expect, it } from 'vitest';
import { runRule } from '../testing.js';

const rule = 'timeline-key-moments';
const tl = (...events: string[]): string =>
  `# X\n\n## Timeline\n\n| Time (UTC) | Event |\n| --- | --- |\n${events.map((e, i) => `| 2026-03-04 14:0${i} | ${e} |`).join('\n')}\n`;
const moments = (text: string, options?: Record<string, unknown>): unknown[] =>
  runRule(rule, text, options ? { options } : {}).map((f) => f.data?.moment);

describe(rule, () => {
  it('reports each moment with no row', () => {
    expect(moments(tl('Traffic spikes', 'Pool exhausted'))).toEqual([
      'detection',
      'mitigation',
      'resolution',
    ]);
    expect(moments(tl('Deploy ships', 'Alert fires', 'Setting rolled back'))).toEqual([]);
  });

  it('counts a resolution as the mitigation too', () => {
    expect(moments(tl('Alert fires', 'Service restored'))).toEqual([]);
  });

  it('takes the moments to check from options', () => {
    expect(moments(tl('Traffic spikes', 'Pool exhausted'), { moments: ['detection'] })).toEqual([
      'detection',
    ]);
  });

  it('says nothing about an empty timeline', () => {
    expect(
      moments('# X\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| HH:mm | TBD |\n'),
    ).toEqual([]);
  });
});
