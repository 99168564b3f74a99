/** Every registered rule has its doc with the fixed headings, every doc a rule, and the doc's examples do what they say. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/lint/rules/index.js';
import { runRule } from '../src/lint/testing.js';

const dir = join(import.meta.dirname, '../docs/rules');
const HEADINGS = [
  '## What it checks',
  '## Why',
  '## Examples',
  '### Incorrect',
  '### Correct',
  '## Options',
];

const read = (id: string): string => readFileSync(join(dir, `${id}.md`), 'utf8');

/** The first ```markdown block after a heading. */
function example(doc: string, heading: string): string {
  const at = doc.indexOf(`\n${heading}\n`);
  const m = /```markdown\n([\s\S]*?)\n```/.exec(doc.slice(at));
  if (at < 0 || !m) throw new Error(`no markdown example under ${heading}`);
  return `${m[1]}\n`;
}

describe('rule docs', () => {
  it('exist for every rule, and every doc is a rule', () => {
    const docs = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(docs).toEqual(Object.keys(RULES).sort());
  });

  describe.each(Object.entries(RULES))('%s', (id, rule) => {
    const doc = read(id);

    it('has the title, description, severity and the fixed headings in order', () => {
      const lines = doc.split('\n');
      expect(lines[0]).toBe(`# ${id}`);
      expect(lines[2]).toBe(rule.meta.description);
      expect(lines[4]).toBe(
        `Default severity: ${rule.meta.severity} · Fixable: ${rule.meta.fixable ? 'yes' : 'no'}`,
      );
      const prose = doc.replace(/```[\s\S]*?```/g, '').split('\n');
      const found = prose.filter((l) => /^#{2,3} /.test(l));
      expect(found).toEqual(HEADINGS);
      expect(rule.meta.docs.endsWith(`/docs/rules/${id}.md`)).toBe(true);
    });

    it('documents every option', () => {
      const defaults = rule.meta.options.parse({}) as Record<string, unknown>;
      const options = doc.slice(doc.indexOf('\n## Options\n'));
      for (const key of Object.keys(defaults)) expect(options).toContain(`\`${key}\``);
      if (Object.keys(defaults).length === 0) expect(options).toMatch(/\nNone\b/);
    });

    it('reports the incorrect example and not the correct one', () => {
      const now = '2026-03-10T00:00:00Z';
      expect(runRule(id, example(doc, '### Incorrect'), { now }).length).toBeGreaterThan(0);
      expect(runRule(id, example(doc, '### Correct'), { now })).toEqual([]);
    });
  });
});
