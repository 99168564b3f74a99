import { describe, expect, it } from 'vitest';
import { parseDocument } from './parse.js';

const FULL = `---
id: PM-2026-007
title: Checkout API returned 502s
status: In Review
severity: sev-2
authors: [alice, bob]
reviewers: carol, dan
services:
  - checkout
  - payments
started: 2026-11-22T19:40:42Z
detected: 2026-11-22T20:41:00+01:00
resolved: 2026-11-22 20:14
shared: 2026-11-24
owner_team: payments
---

# Checkout API returned 502s

## Summary

The pool ran dry.
`;

describe('front matter', () => {
  const doc = parseDocument(FULL, { source: 'pm.md' });
  const data = doc.frontMatter!.data;

  it('reads every known field into its type, normalised', () => {
    expect(doc.diagnostics).toEqual([]);
    expect(data).toMatchObject({
      id: 'PM-2026-007',
      title: 'Checkout API returned 502s',
      status: 'in-review',
      severity: 'SEV2',
      authors: ['alice', 'bob'],
      reviewers: ['carol', 'dan'],
      services: ['checkout', 'payments'],
    });
    expect(doc.title).toMatchObject({ text: 'Checkout API returned 502s', from: 'front-matter' });
  });

  it('keeps the raw time, its UTC ms and whether it had a zone', () => {
    expect(data.started).toEqual({
      raw: '2026-11-22T19:40:42Z',
      ms: Date.UTC(2026, 10, 22, 19, 40, 42),
      zoned: true,
      dateOnly: false,
    });
    expect(data.detected?.ms).toBe(Date.UTC(2026, 10, 22, 19, 41));
    expect(data.resolved).toMatchObject({ zoned: false, ms: Date.UTC(2026, 10, 22, 20, 14) });
    expect(data.shared).toMatchObject({ dateOnly: true, ms: Date.UTC(2026, 10, 24) });
  });

  it('keeps unknown keys and the span of every key and value', () => {
    expect(data.extra).toEqual({ owner_team: 'payments' });
    const sev = doc.frontMatter!.fields.severity!;
    expect(FULL.slice(sev.value.start.offset, sev.value.end.offset)).toBe('sev-2');
    expect(sev.value.start).toMatchObject({ line: 5, column: 11 });
    expect(doc.frontMatter!.fields.owner_team).toBeDefined();
  });

  it('reports wrong types with the value position and keeps the other fields', () => {
    const text = `---\ntitle: ok\nstatus: shipped\nseverity: SEV9\nauthors: {a: 1}\nstarted: yesterday\nmitigated: 2026-11-22\n---\n`;
    const d = parseDocument(text, { source: 'x.md' });
    expect(d.frontMatter!.data.title).toBe('ok');
    expect(d.frontMatter!.data.status).toBeUndefined();
    const byField = Object.fromEntries(d.diagnostics.map((x) => [x.data?.field, x]));
    expect(Object.keys(byField).sort()).toEqual([
      'authors',
      'mitigated',
      'severity',
      'started',
      'status',
    ]);
    expect(byField.status).toMatchObject({
      ruleId: 'document/bad-field',
      source: 'x.md',
      place: { line: 3, column: 9 },
    });
    expect(byField.started?.ruleId).toBe('document/bad-time');
    expect(byField.mitigated?.ruleId).toBe('document/bad-time');
  });

  it('reports a wrong list item at the item', () => {
    const d = parseDocument(`---\ntags:\n  - ok\n  - [nested]\n---\n`);
    expect(d.diagnostics[0]).toMatchObject({
      ruleId: 'document/bad-field',
      place: { line: 4, column: 5 },
    });
  });

  it('accepts a configured severity scale', () => {
    const d = parseDocument(`---\nseverity: critical\n---\n`, {
      severityScale: ['Critical', 'Major', 'Minor'],
    });
    expect(d.frontMatter!.data.severity).toBe('Critical');
    expect(d.diagnostics).toEqual([]);
  });

  it('reports broken YAML at the error and still parses the body', () => {
    const text = `---\ntitle: ok\nservices: [a, b\nstatus: draft\n---\n\n## Timeline\n\n- 10:00 UTC - it broke\n`;
    const d = parseDocument(text);
    const bad = d.diagnostics.filter((x) => x.ruleId === 'document/bad-front-matter');
    expect(bad.length).toBeGreaterThan(0);
    expect(bad[0]!.place!.line).toBeGreaterThanOrEqual(3);
    expect(d.frontMatter!.ok).toBe(false);
    expect(d.sections.map((s) => s.kind)).toEqual(['timeline']);
    expect(d.timeline!.entries).toHaveLength(1);
  });

  it('reports front matter that is not a mapping', () => {
    const d = parseDocument(`---\n- a\n- b\n---\n# T\n`);
    expect(d.diagnostics.map((x) => x.data?.reason)).toEqual(['not-a-map']);
  });

  it('reports an unclosed front matter and reads the rest as Markdown', () => {
    const d = parseDocument(`---\ntitle: x\n\n## Summary\n\ntext\n`);
    expect(d.frontMatter).toBeUndefined();
    expect(d.diagnostics[0]).toMatchObject({
      ruleId: 'document/bad-front-matter',
      data: { reason: 'unclosed' },
      place: { line: 1, column: 1 },
    });
    expect(d.sections.map((s) => s.kind)).toEqual(['summary']);
  });

  it('treats empty values as absent and an empty block as no fields', () => {
    expect(parseDocument(`---\nstarted:\ntitle: ""\n---\n`).diagnostics).toEqual([]);
    const empty = parseDocument(`---\n---\n# T\n`);
    expect(empty.frontMatter?.data).toEqual({ extra: {} });
    expect(empty.title).toMatchObject({ text: 'T', from: 'heading' });
  });
});

describe('sections', () => {
  const text = `# Database outage

Intro before any section.

## TL;DR

short

## Customer Impact

## 1. Timeline of events

### Day one

## Root Causes

## What didn’t go well?

## 5 Whys

## Follow-up actions (owner: SRE)

## Follow-up

## Ausblick

Nächste Schritte: 数据库 ✓
`;
  const doc = parseDocument(text);

  it('matches headings case-insensitively, with synonyms, numbering and punctuation', () => {
    expect(doc.sections.map((s) => s.kind)).toEqual([
      'summary',
      'impact',
      'timeline',
      'other',
      'root-cause',
      'what-went-wrong',
      'five-whys',
      'action-items',
      'follow-up',
      'other',
    ]);
    expect(doc.title).toMatchObject({ text: 'Database outage', from: 'heading' });
  });

  it('keeps unknown and non-English sections with their text', () => {
    const last = doc.sections[doc.sections.length - 1]!;
    expect(last).toMatchObject({ kind: 'other', heading: 'Ausblick' });
    expect(last.text).toBe('Nächste Schritte: 数据库 ✓');
  });

  it('runs a section to the next heading of the same or higher level', () => {
    const timeline = doc.sections[2]!;
    const day = doc.sections[3]!;
    expect(day.parent).toBe(timeline.index);
    expect(timeline.span.end.offset).toBe(doc.sections[4]!.span.start.offset);
    expect(text.slice(timeline.bodySpan.start.offset, timeline.bodySpan.end.offset)).toBe(
      '\n### Day one\n\n',
    );
    expect(timeline.headingSpan.start).toEqual({
      line: 11,
      column: 1,
      offset: text.indexOf('## 1.'),
    });
  });

  it('keeps the preamble between title and first section', () => {
    expect(text.slice(doc.preamble!.start.offset, doc.preamble!.end.offset).trim()).toBe(
      'Intro before any section.',
    );
  });

  it('reads setext headings and documents without headings', () => {
    const setext = parseDocument('Title\n=====\n\nSummary\n-------\n\ntext\n');
    expect(setext.title?.text).toBe('Title');
    expect(setext.sections.map((s) => [s.kind, s.text])).toEqual([['summary', 'text']]);
    const none = parseDocument('Just a paragraph.\n');
    expect(none.sections).toEqual([]);
    expect(none.diagnostics).toEqual([]);
  });

  it('does not take a leading level-1 section name as the title', () => {
    const d = parseDocument('# Summary\n\nx\n\n# Impact\n');
    expect(d.title).toBeUndefined();
    expect(d.sections.map((s) => s.kind)).toEqual(['summary', 'impact']);
  });

  it('leaves guidance comments out of section text', () => {
    const d = parseDocument('## Summary\n\n<!-- say what happened -->\n');
    expect(d.sections[0]!.text.trim()).toBe('');
  });

  it('keeps positions right after a byte-order mark and with CRLF line ends', () => {
    const text = '\uFEFF---\r\ntitle: x\r\n---\r\n\r\n## Impact\r\n\r\n12 users\r\n';
    const d = parseDocument(text);
    expect(d.frontMatter?.data.title).toBe('x');
    const s = d.sections[0]!;
    expect(text.slice(s.headingSpan.start.offset, s.headingSpan.end.offset)).toBe('## Impact');
    expect(d.impact!.numbers[0]).toMatchObject({ text: '12 users', span: { start: { line: 7 } } });
  });

  it('keeps positions right after two byte-order marks (remark drops the second itself)', () => {
    // Found by the property test: offsets were one short.
    const text = '\uFEFF\uFEFF---\n## Contributing factors\n';
    const s = parseDocument(text).sections[0]!;
    expect(s.headingSpan.start).toEqual({ line: 2, column: 1, offset: 6 });
    expect(text.slice(s.headingSpan.start.offset, s.headingSpan.end.offset)).toBe(
      '## Contributing factors',
    );
  });
});

describe('bad input', () => {
  it('never throws', () => {
    for (const text of [
      '',
      '---',
      '---\n---',
      '\u0000\uFFFF',
      '|'.repeat(1000),
      '#'.repeat(100),
      '---\n: : :\n---\n## Timeline\n| | |\n|-|-|\n| | |\n',
      '## Action items\n\n| a |\n|---|\n| x | y | z |\n',
      '> ## Summary in a quote\n',
      '- [ ]\n',
    ]) {
      expect(() => parseDocument(text)).not.toThrow();
    }
  });
});
