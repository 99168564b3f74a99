/** Action items as the UI's table rows: cells, overdue flags, and only http(s) ticket links. */
import { describe, expect, it } from 'vitest';
import { actionRows } from './action-items.js';

const DOC = `# Postmortem

## Action items

| ID | Action | Owner | Due | Priority | Type | Status | Ticket |
| -- | ------ | ----- | --- | -------- | ---- | ------ | ------ |
| AI-1 | Cap the pool | @ana | 2026-01-15 | P1 | prevent | open | [OPS-1](https://tracker.example/OPS-1) |
| AI-2 | Alert on saturation | @ben | 2026-12-01 | P2 | detect | open | OPS-2 |
| AI-3 | Load-test the query | @cy | 2026-01-01 | P2 | prevent | done | [x](javascript:alert(1)) |
`;
const NOW = Date.parse('2026-06-01T12:00:00Z');

describe('actionRows', () => {
  it('reads every column of the table', () => {
    const [first] = actionRows(DOC, 'postmortem.md', NOW);
    expect(first).toMatchObject({
      id: 'AI-1',
      action: 'Cap the pool',
      owner: '@ana',
      due: '2026-01-15',
      priority: 'P1',
      type: 'prevent',
      status: 'open',
      ticket: { text: 'OPS-1', url: 'https://tracker.example/OPS-1' },
    });
  });

  it('flags only open items whose due date has passed', () => {
    expect(actionRows(DOC, 'postmortem.md', NOW).map((r) => r.overdue)).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('never links to anything but http(s)', () => {
    const rows = actionRows(DOC, 'postmortem.md', NOW);
    expect(rows[1]!.ticket).toEqual({ text: 'OPS-2' });
    expect(rows[2]!.ticket?.url).toBeUndefined();
  });

  it('gives no rows for a document without action items', () => {
    expect(actionRows('# Postmortem\n\nNothing to do.\n', 'p.md', NOW)).toEqual([]);
  });
});
