import { describe, expect, it } from 'vitest';
import { parseDocument } from './parse.js';

const items = (text: string) => parseDocument(text).actionItems?.items ?? [];

describe('action items', () => {
  it('reads a table by header synonyms and normalises type, status and due date', () => {
    const text = `## Corrective actions

| # | Task | Assignee | Deadline | Prio | Kind | State | Jira |
|---|------|----------|----------|------|------|-------|------|
| 1 | Alert on pool saturation | @alice | 2026-12-01 | P1 | Detection | In progress | [OPS-1](https://jira.example/browse/OPS-1) |
| 2 | Raise the pool size |  |  |  | prevent | done |  |
`;
    const [a, b] = items(text);
    expect(a).toMatchObject({
      form: 'table',
      text: 'Alert on pool saturation',
      type: 'detect',
      status: 'in-progress',
      dueMs: Date.UTC(2026, 11, 1),
      row: 0,
    });
    expect(Object.fromEntries(Object.entries(a!.cells).map(([k, v]) => [k, v.text]))).toEqual({
      id: '1',
      action: 'Alert on pool saturation',
      owner: '@alice',
      due: '2026-12-01',
      priority: 'P1',
      type: 'Detection',
      status: 'In progress',
      ticket: 'OPS-1',
    });
    const t = a!.cells.ticket!.span;
    expect(text.slice(t.start.offset, t.end.offset)).toBe(
      '[OPS-1](https://jira.example/browse/OPS-1)',
    );
    expect(b).toMatchObject({ type: 'prevent', status: 'done' });
    expect(b!.cells.owner?.text).toBe('');
  });

  it('reads list items: bold title, checkbox, key: value fields, mentions and ticket links', () => {
    const [a, b, c] = items(`## Action Items

### Detect

- [ ] **Alert on saturation**: page when the pool is full (owner: Alice Smith, due: 2026-12-01, type: detect)
- [x] Raise the pool size @bob [#42](https://github.com/acme/app/issues/42)

**Later**

- Document the rollback
`);
    expect(a).toMatchObject({ form: 'list', group: 'Detect', status: 'open', type: 'detect' });
    expect(a!.cells.action?.text).toBe('Alert on saturation');
    expect(a!.cells.owner?.text).toBe('Alice Smith');
    expect(a!.dueMs).toBe(Date.UTC(2026, 11, 1));
    expect(b).toMatchObject({ status: 'done' });
    expect(b!.cells.owner?.text).toBe('@bob');
    expect(b!.cells.ticket?.text).toBe('https://github.com/acme/app/issues/42');
    expect(c).toMatchObject({ group: 'Later', text: 'Document the rollback', cells: {} });
  });

  it('takes a Markdown link as a field value whole', () => {
    const [a] = items(`## Action Items

- Add a canary stage (owner: @ana, ticket: [#12](https://github.com/acme/app/issues/12), due: 2026-12-01)
`);
    expect(a!.cells.ticket?.text).toBe('[#12](https://github.com/acme/app/issues/12)');
    expect(a!.cells.owner?.text).toBe('@ana');
    expect(a!.dueMs).toBe(Date.UTC(2026, 11, 1));
  });

  it('folds a list introduced by an item ending in ":" into that item', () => {
    const list = items(`## Remediation

1. **Monitoring** we will watch:

- lag
- throughput

2. **Runbooks**
`);
    expect(list.map((i) => i.text)).toEqual([
      'Monitoring we will watch: lag; throughput',
      'Runbooks',
    ]);
  });
});
