/** The linter on the real postmortems in ../shared/postmortems (DFDS, PostHog): no crash, every finding placed. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixText } from '../src/lint/fix.js';
import { lintText } from '../src/lint/linter.js';
import { RULES } from '../src/lint/rules/index.js';

const dir = join(import.meta.dirname, '../../shared/postmortems');
const present = existsSync(dir);
if (!present) console.warn(`skipping the real-postmortem lint tests: ${dir} is missing`);

function markdown(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? markdown(p) : n.endsWith('.md') ? [p] : [];
  });
}

describe.skipIf(!present)('lint on real postmortems', () => {
  const files = present ? markdown(dir) : [];

  it('finds the documents', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it('never crashes, and every finding has a rule id and a position inside the text', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n').length;
      const r = lintText(text, { source: relative(dir, file), now: Date.parse('2026-06-01') });
      for (const f of r.findings) {
        expect(f.ruleId === 'lint/rule-failed', `${file}: ${f.message}`).toBe(false);
        expect(RULES[f.ruleId] ?? f.ruleId.startsWith('document/')).toBeTruthy();
        expect(f.place.line).toBeGreaterThanOrEqual(1);
        expect(f.place.line).toBeLessThanOrEqual(lines);
        expect(f.place.column).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('finds the gaps the documents really have', () => {
    const count = (name: string, rule: string): number =>
      lintText(readFileSync(join(dir, name), 'utf8'), {
        now: Date.parse('2026-06-01'),
      }).findings.filter((f) => f.ruleId === rule).length;
    // DFDS action items have no owners; older DFDS timelines are in CET; some use HH:mm placeholders.
    expect(count('dfds/PM2024-001.md', 'action-item-owner')).toBe(7);
    expect(count('dfds/PM2020-009.md', 'timeline-zone')).toBe(1);
    expect(count('dfds/PM2024-001.md', 'timeline-placeholder')).toBe(3);
    expect(count('dfds/PM2022-002.md', 'no-human-error')).toBe(1);
  });

  it('--fix keeps every character and section of each document', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const fixed = fixText(text, { now: Date.parse('2026-06-01') }).text;
      let j = 0;
      for (let i = 0; i < fixed.length && j < text.length; i++) if (fixed[i] === text[j]) j++;
      expect(j, file).toBe(text.length);
    }
  });
});
