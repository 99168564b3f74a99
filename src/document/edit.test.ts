import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  insertSection,
  replaceSectionBody,
  setActionItemCell,
  setFrontMatterField,
  setFrontMatterFields,
} from './edit.js';
import { parseDocument } from './parse.js';
import { findSection } from './query.js';

const FM = `---
# incident record
id: PM-7   # keep this comment
title: 'Pool exhaustion'
authors:
  - alice
  - bob
tags: [db, pool]
started:
---

# Pool exhaustion

## Summary

Old summary.

## Impact

Some.
`;

const set = (text: string, key: string, value: Parameters<typeof setFrontMatterField>[2]) => {
  const doc = parseDocument(text);
  return applyEdits(text, setFrontMatterField(doc, key, value));
};

describe('front-matter edits', () => {
  it('replaces a scalar and keeps comments, quoting and the other lines', () => {
    const out = set(FM, 'id', 'PM-8');
    expect(out).toBe(FM.replace('id: PM-7   #', 'id: PM-8   #'));
    expect(set(FM, 'title', 'Pool: exhausted')).toContain(`title: 'Pool: exhausted'\n`);
  });

  it('keeps a block list a block list, and a flow list a flow list', () => {
    expect(set(FM, 'authors', ['carol', 'dan, jr'])).toContain(
      `authors:\n  - carol\n  - "dan, jr"\ntags: [db, pool]\n`,
    );
    expect(set(FM, 'tags', ['x'])).toContain('tags: [x]\n');
  });

  it('fills an empty value, adds a missing key and removes one', () => {
    expect(set(FM, 'started', '2026-11-22T19:40:42Z')).toContain(
      'started: 2026-11-22T19:40:42Z\n---',
    );
    expect(set(FM, 'status', 'draft')).toContain('started:\nstatus: draft\n---\n');
    const removed = set(FM, 'authors', undefined);
    expect(removed).toContain("title: 'Pool exhaustion'\ntags: [db, pool]\n");
    expect(parseDocument(removed).frontMatter!.data.authors).toBeUndefined();
  });

  it('creates front matter when there is none, after a byte-order mark', () => {
    expect(set('# T\n', 'status', 'draft')).toBe('---\nstatus: draft\n---\n\n# T\n');
    expect(set('\uFEFF# T\n', 'id', 'x')).toBe('\uFEFF---\nid: x\n---\n\n# T\n');
    const doc = parseDocument('# T\n');
    expect(applyEdits(doc.text, setFrontMatterFields(doc, { id: 'a', tags: ['b'] }))).toBe(
      '---\nid: a\ntags: [b]\n---\n\n# T\n',
    );
  });

  it('edits broken YAML by line', () => {
    const broken = '---\ntitle: [oops\nstatus: draft\n---\n# T\n';
    expect(set(broken, 'status', 'published')).toBe(broken.replace('draft', 'published'));
  });

  it('keeps CRLF line ends', () => {
    const crlf = FM.replace(/\n/g, '\r\n');
    const out = set(crlf, 'status', 'draft');
    expect(out).toContain('started:\r\nstatus: draft\r\n---\r\n');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('round-trips through the parser', () => {
    const out = set(FM, 'resolved', '2026-11-22T20:14:00Z');
    expect(parseDocument(out).frontMatter!.data.resolved?.ms).toBe(Date.UTC(2026, 10, 22, 20, 14));
  });
});

describe('section edits', () => {
  const doc = parseDocument(FM);

  it('replaces a body with one blank line around it', () => {
    const out = applyEdits(
      FM,
      replaceSectionBody(doc, findSection(doc, 'summary')!, '\n\nNew.\n\n\n'),
    );
    expect(out).toContain('## Summary\n\nNew.\n\n## Impact\n');
    expect(out.startsWith(FM.slice(0, FM.indexOf('## Summary')))).toBe(true);
  });

  it('can keep subsections', () => {
    const text = '## Lessons learned\n\nold\n\n### What went well\n\nkept\n';
    const d = parseDocument(text);
    const out = applyEdits(
      text,
      replaceSectionBody(d, d.sections[0]!, 'new', { keepSubsections: true }),
    );
    expect(out).toBe('## Lessons learned\n\nnew\n\n### What went well\n\nkept\n');
    const all = applyEdits(text, replaceSectionBody(d, d.sections[0]!, 'new'));
    expect(all).toBe('## Lessons learned\n\nnew\n');
  });

  it('handles a last heading without a line break', () => {
    const d = parseDocument('## Summary');
    expect(applyEdits(d.text, replaceSectionBody(d, d.sections[0]!, 'x'))).toBe(
      '## Summary\n\nx\n',
    );
  });

  it('inserts sections after, before and at the end', () => {
    const after = applyEdits(
      FM,
      insertSection(doc, {
        heading: 'Detection',
        body: 'An alert.',
        after: findSection(doc, 'summary')!,
      }),
    );
    expect(after).toContain('Old summary.\n\n## Detection\n\nAn alert.\n\n## Impact');
    const before = applyEdits(
      FM,
      insertSection(doc, { heading: 'TL;DR', before: doc.sections[0]! }),
    );
    expect(before).toContain('# Pool exhaustion\n\n## TL;DR\n\n## Summary');
    const end = applyEdits(
      '## A\n\ntext',
      insertSection(parseDocument('## A\n\ntext'), { heading: 'B', depth: 3 }),
    );
    expect(end).toBe('## A\n\ntext\n\n### B\n');
  });

  it('refuses overlapping edits', () => {
    expect(() =>
      applyEdits('abcdef', [
        { start: 1, end: 4, text: 'x' },
        { start: 3, end: 5, text: 'y' },
      ]),
    ).toThrow(/overlaps/);
  });
});

describe('action item cells', () => {
  const TABLE = `## Action items

| ID | Action | Owner | Ticket |
|----|--------|-------|--------|
| 1 | Alert on saturation | alice |  |
| 2 | Raise pool | | OPS-2 |
`;

  it('sets a table cell, empty or not, escaping pipes', () => {
    const doc = parseDocument(TABLE);
    const [a, b] = doc.actionItems!.items;
    const out = applyEdits(TABLE, [
      ...setActionItemCell(doc, a!, 'ticket', '[OPS-1](https://jira/OPS-1)'),
      ...setActionItemCell(doc, b!, 'owner', 'bob | carol'),
    ]);
    expect(out).toContain('| 1 | Alert on saturation | alice | [OPS-1](https://jira/OPS-1) |');
    expect(out).toContain('| 2 | Raise pool | bob \\| carol | OPS-2 |');
    const again = parseDocument(out).actionItems!.items;
    expect(again[0]!.cells.ticket?.text).toBe('OPS-1');
    expect(again[1]!.cells.owner?.text).toBe('bob | carol');
  });

  it('adds a missing column', () => {
    const doc = parseDocument(TABLE);
    const out = applyEdits(
      TABLE,
      setActionItemCell(doc, doc.actionItems!.items[1]!, 'due', '2026-12-01'),
    );
    const again = parseDocument(out).actionItems!.items;
    expect(again[1]!.dueMs).toBe(Date.UTC(2026, 11, 1));
    expect(again[0]!.cells.due?.text ?? '').toBe('');
    expect(out).toContain('| ID | Action | Owner | Ticket | Due |');
  });

  it('sets a list item field, or appends one', () => {
    const text =
      '## Action items\n\n- Alert on saturation (owner: alice)\n- **Raise pool**: bigger\n  - detail\n';
    const doc = parseDocument(text);
    const [a, b] = doc.actionItems!.items;
    const out = applyEdits(text, [
      ...setActionItemCell(doc, a!, 'owner', 'bob'),
      ...setActionItemCell(doc, b!, 'ticket', 'OPS-3'),
    ]);
    expect(out).toBe(
      '## Action items\n\n- Alert on saturation (owner: bob)\n- **Raise pool**: bigger (ticket: OPS-3)\n  - detail\n',
    );
    expect(parseDocument(out).actionItems!.items[1]!.cells.ticket?.text).toBe('OPS-3');
  });
});
