/** Overdue items, the digest and the review schedule over parsed postmortems. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/parse.js';
import { TrackersSchema } from './config.js';
import { reviewDigest } from './digest.js';
import { overdueItems, overdueMarkdown } from './overdue.js';
import { reviewEvents } from './schedule.js';

const pm = (id: string, started: string, services: string, rows: string, extra = ''): string => `---
id: ${id}
title: Incident ${id}
services: [${services}]
started: ${started}
resolved: ${started.replace('T10', 'T11')}
authors: ["Jane Doe <jane@acme.example>"]
${extra}---

## Action items

| ID | Action | Owner | Due | Status |
| -- | ------ | ----- | --- | ------ |
${rows}
`;

const a = parseDocument(
  pm(
    'a',
    '2026-03-02T10:00:00Z',
    'checkout',
    `| 1 | Add a check | @alice | 2026-03-05 | open |
| 2 | Add an alert | @bob | 2026-03-20 | open |
| 3 | Write a runbook | @alice | 2026-03-01 | done |`,
  ),
  { source: 'a.md' },
);
const b = parseDocument(
  pm(
    'b',
    '2026-02-01T10:00:00Z',
    'checkout, search',
    `| 1 | Raise the pool size | @bob | 2026-02-10 | in progress |
| 2 | Load test | | 2026-02-20 | |`,
    'follow_up_review: 2026-03-12\n',
  ),
  { source: 'b.md' },
);
const today = Date.UTC(2026, 2, 10, 9);

describe('overdue', () => {
  it('lists open items due before today, by owner and by service', () => {
    const r = overdueItems([a, b], today);
    expect(r.items.map((i) => `${i.postmortemId}/${i.itemId}`)).toEqual([
      'b/AI-001',
      'b/AI-002',
      'a/AI-001',
    ]);
    expect(Object.keys(r.byOwner)).toEqual(['(no owner)', '@alice', '@bob']);
    expect(r.byService.checkout).toHaveLength(3);
    expect(r.byService.search).toHaveLength(2);
    expect(r.items[2]!.daysOverdue).toBe(5);
    expect(overdueMarkdown(r)).toContain('### @alice');
  });

  it('an item due today is not overdue yet', () => {
    expect(overdueItems([a], Date.UTC(2026, 2, 5, 23)).items).toHaveLength(0);
  });
});

describe('digest', () => {
  it('counts new postmortems, opened, closed and overdue items, and reviews due', () => {
    const text = reviewDigest([a, b], { since: today - 10 * 86_400_000, now: today });
    expect(text).toContain(
      '1 new postmortems, 3 action items opened, 1 closed, 3 overdue, 1 reviews due.',
    );
    expect(text).toContain('- Incident a (a.md)');
    expect(text).toContain('- 2026-03-12 follow-up review: Incident b (b.md)');
  });

  it('uses closing dates from the trackers when given', () => {
    const closedAt = new Map([['b/AI-001', today - 86_400_000]]);
    const text = reviewDigest([a, b], { since: today - 7 * 86_400_000, now: today, closedAt });
    expect(text).toMatch(/## Action items closed\n\n- AI-001 Raise the pool size/);
  });
});

describe('schedule', () => {
  it('puts the follow-up about four weeks after resolution and the review within the week', () => {
    const config = TrackersSchema.parse({ owners: { '@alice': { email: 'alice@acme.example' } } });
    const [review, followUp] = reviewEvents(a, { now: today, config });
    expect(new Date(review!.start).toISOString()).toBe('2026-03-05T15:00:00.000Z');
    expect(new Date(followUp!.start).toISOString()).toBe('2026-03-30T15:00:00.000Z');
    expect(review!.uid).toBe('a.review@aftermath');
    expect(review!.attendees).toEqual([
      { email: 'jane@acme.example', name: 'Jane Doe' },
      { email: 'alice@acme.example' },
    ]);
  });

  it('takes the dates the front matter sets', () => {
    const [, followUp] = reviewEvents(b, { now: today });
    expect(new Date(followUp!.start).toISOString()).toBe('2026-03-12T15:00:00.000Z');
  });

  it('needs a resolution time', () => {
    const doc = parseDocument('---\nid: x\n---\n\n## Summary\n\nText.\n', { source: 'x.md' });
    expect(() => reviewEvents(doc, { now: today })).toThrow(/x\.md: expected a resolved/);
  });
});
