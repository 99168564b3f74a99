import { describe, expect, it } from 'vitest';
import { mentionedUsers, readableText } from './markup.js';
import { permalink, tsMicros } from './message.js';

const names = {
  user: (id: string) => (id === 'U1' ? 'Jane Doe' : undefined),
  channel: (id: string) => (id === 'C1' ? 'ops' : undefined),
};

describe('slack markup', () => {
  it.each([
    ['<@U1> and <@U9>', '@Jane Doe and @U9'],
    ['<@U9|omar>', '@omar'],
    ['<#C1> <#C2|war-room> <#C3>', '#ops #war-room #C3'],
    ['<!here> <!channel> <!subteam^S1|@oncall>', '@here @channel @oncall'],
    ['<!date^1392734382^{date_num}|2014-02-18>', '2014-02-18'],
    ['<https://x.example/a?b=1&amp;c=2|runbook>', 'runbook (https://x.example/a?b=1&c=2)'],
    ['<https://x.example>', 'https://x.example'],
    ['<mailto:sre@example.com|sre@example.com>', 'sre@example.com'],
    ['5 &lt; 6 &amp;&amp; 7 &gt; 3', '5 < 6 && 7 > 3'],
  ])('%s → %s', (text, want) => {
    expect(readableText(text, names)).toBe(want);
  });

  it('lists mentioned users', () => {
    expect(mentionedUsers('<@U1> <@U2|x> <#C1>')).toEqual(['U1', 'U2']);
  });

  it('reads ts and builds permalinks for messages and thread replies', () => {
    expect(tsMicros('1700000000.000100')).toBe(1_700_000_000_000_100);
    expect(tsMicros('1700000000')).toBe(1_700_000_000_000_000);
    expect(tsMicros('soon')).toBeUndefined();
    expect(permalink('acme', 'C1', '1700000000.000100')).toBe(
      'https://acme.slack.com/archives/C1/p1700000000000100',
    );
    expect(permalink('https://acme.slack.com/', 'C1', '2.000001', '1.000001')).toBe(
      'https://acme.slack.com/archives/C1/p2000001?thread_ts=1.000001&cid=C1',
    );
    expect(permalink(undefined, 'C1', '1.1')).toBeUndefined();
  });
});
