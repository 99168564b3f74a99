import { describe, expect, it } from 'vitest';
import { parseDocument } from '../parse.js';
import { BUILT_IN_TEMPLATES, customTemplates, findTemplate } from './index.js';
import { newDocument, slug } from './new-document.js';

const now = new Date('2026-11-23T08:00:00Z');

describe('built-in templates', () => {
  it.each(BUILT_IN_TEMPLATES.map((t) => [t.name, t]))(
    '%s parses cleanly with front matter',
    (_, t) => {
      const doc = parseDocument(t.text);
      expect(doc.diagnostics).toEqual([]);
      expect(doc.frontMatter?.data.status).toBe('draft');
      expect(
        doc.sections.every((s) => s.kind !== 'other' || s.heading === 'Supporting information'),
      ).toBe(true);
    },
  );

  it('default holds every section kind, with an action-item table of every column', () => {
    const doc = parseDocument(findTemplate('default').text);
    const kinds = new Set(doc.sections.map((s) => s.kind));
    for (const k of [
      'summary',
      'impact',
      'timeline',
      'root-cause',
      'five-whys',
      'contributing-factors',
      'detection',
      'response',
      'recovery',
      'what-went-well',
      'what-went-wrong',
      'where-we-got-lucky',
      'lessons-learned',
      'action-items',
      'follow-up',
    ])
      expect(kinds.has(k as never), k).toBe(true);
    expect(Object.keys(doc.actionItems!.items[0]!.cells).sort()).toEqual([
      'action',
      'due',
      'id',
      'owner',
      'priority',
      'status',
      'ticket',
      'type',
    ]);
    expect(doc.timeline!.entries[0]).toMatchObject({
      placeholder: true,
      zone: 'UTC',
      zoneFrom: 'header',
    });
  });
});

describe('newDocument', () => {
  it('fills the front matter and the title, keeping the template text', () => {
    const text = newDocument({
      title: 'Checkout: 502s for "some" users',
      severity: 'sev 2',
      authors: ['alice'],
      services: ['checkout', 'payments'],
      now,
    });
    const doc = parseDocument(text);
    expect(doc.diagnostics).toEqual([]);
    expect(doc.frontMatter!.data).toMatchObject({
      id: '2026-11-23-checkout-502s-for-some-users',
      title: 'Checkout: 502s for "some" users',
      severity: 'SEV2',
      status: 'draft',
      authors: ['alice'],
      services: ['checkout', 'payments'],
    });
    expect(text).toContain('\n# Checkout: 502s for "some" users\n');
    expect(text).toContain('# Times in ISO 8601 with a zone');
  });

  it('rejects an unknown template or severity', () => {
    expect(() => newDocument({ title: 't', template: 'nope' })).toThrow(/unknown template "nope"/);
    expect(() => newDocument({ title: 't', severity: 'SEV9' })).toThrow(/unknown severity/);
  });

  it('uses custom templates, which shadow built-in ones', () => {
    const custom = customTemplates([
      {
        path: 'security.md',
        text: '<!-- for security incidents -->\n# {{title}} ({{id}})\n\n## Summary\n',
      },
      { path: 'minimal.md', text: '---\nteam: sre\n---\n# {{ title }}\n' },
      { path: 'README.txt', text: 'not a template' },
    ]);
    expect(custom.map((t) => [t.name, t.description])).toEqual([
      ['minimal', 'custom template'],
      ['security', 'for security incidents'],
    ]);
    const sec = newDocument({
      title: 'Leaked token',
      template: 'security',
      templates: custom,
      id: 'SEC-1',
      now,
    });
    expect(sec).toBe(
      '---\nid: SEC-1\ntitle: Leaked token\n---\n\n<!-- for security incidents -->\n# Leaked token (SEC-1)\n\n## Summary\n',
    );
    const min = newDocument({ title: 'x', template: 'minimal', templates: custom, now });
    expect(min).toBe('---\nteam: sre\nid: 2026-11-23-x\ntitle: x\n---\n# x\n');
  });

  it('makes ids from titles in any script', () => {
    expect(slug('Ошибка базы данных: 502!')).toBe('ошибка-базы-данных-502');
    expect(slug('***')).toBe('');
    expect(newDocument({ title: '***', now })).toContain('id: 2026-11-23-incident');
  });
});
