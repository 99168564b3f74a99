import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../core/event.js';
import { CHAT_MOMENTS, PeopleDetector, pickChat } from './people.js';

const t0 = Date.parse('2026-11-22T19:40:00Z');
const MIN = 60_000;
let line = 0;
function ev(ts: number, message: string, attrs: LogEvent['attrs']): LogEvent {
  line++;
  return {
    ts,
    tsText: '',
    zoned: true,
    source: 'chat',
    file: 'messages.jsonl',
    line,
    offset: 0,
    level: 'info',
    message,
    attrs,
    raw: message,
    format: 'json',
  };
}

describe('pages and chat as moments', () => {
  it('keeps triggers, acknowledgements, escalations and resolves, not notifications', () => {
    const d = new PeopleDetector();
    d.add(
      ev(t0, 'PagerDuty: triggered via api (incident Q1 "High error ratio")', {
        kind: 'page',
        pagerduty_type: 'trigger_log_entry',
        incident: 'Q1',
      }),
    );
    d.add(
      ev(t0 + 1000, 'PagerDuty: notified Jane by sms', {
        kind: 'page',
        pagerduty_type: 'notify_log_entry',
      }),
    );
    d.add(
      ev(t0 + 90_000, 'PagerDuty: acknowledged by Jane Doe (incident Q1)', {
        kind: 'page',
        pagerduty_type: 'acknowledge_log_entry',
        agent: 'Jane Doe',
      }),
    );
    const pages = d.finish();
    expect(pages.map((m) => [m.kind, m.data?.type])).toEqual([
      ['page', 'triggered'],
      ['page', 'acknowledged'],
    ]);
    expect(pages[1]!.evidence).toEqual([{ file: 'messages.jsonl', line: 3 }]);
  });

  it('keeps the chat of the incident period, notable messages first, at most a dozen, in time order', () => {
    const d = new PeopleDetector();
    d.add(ev(t0 - 60 * MIN, 'ana: lunch anyone?', { kind: 'chat', author: 'ana' }));
    for (let i = 0; i < 30; i++)
      d.add(ev(t0 + i * 10_000, `bo: looking at dashboards ${i}`, { kind: 'chat', author: 'bo' }));
    d.add(
      ev(t0 + 5 * MIN, 'ana: rolling back to e9acb71', {
        kind: 'chat',
        author: 'ana',
        permalink: 'https://acme.slack.com/archives/C1/p1',
      }),
    );
    const picked = pickChat(d.finish(), { from: t0, to: t0 + 10 * MIN });
    expect(picked).toHaveLength(CHAT_MOMENTS);
    expect(picked.some((m) => m.title.includes('lunch'))).toBe(false);
    const rollback = picked.find((m) => m.title.includes('rolling back'))!;
    expect(rollback.confidence).toBeGreaterThan(0.5);
    expect(rollback.data).toMatchObject({
      author: 'ana',
      permalink: 'https://acme.slack.com/archives/C1/p1',
    });
    const times = picked.map((m) => m.ts);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
