/** Bad input: no front matter, broken YAML, unknown sections, huge tables, other languages — findings with positions, never a crash. */
import { describe, expect, it } from 'vitest';
import { fixText } from '../src/lint/fix.js';
import { lintText } from '../src/lint/linter.js';

const now = Date.parse('2026-06-01');
const lint = (text: string) => lintText(text, { source: 'bad.md', now });

function expectPlaced(text: string): string[] {
  const r = lint(text);
  const lines = text.split('\n').length;
  for (const f of r.findings) {
    expect(f.ruleId).not.toBe('lint/rule-failed');
    expect(f.place.line).toBeGreaterThanOrEqual(1);
    expect(f.place.line).toBeLessThanOrEqual(lines);
  }
  return r.findings.map((f) => f.ruleId);
}

describe('bad input', () => {
  it('an empty document', () => {
    expect(expectPlaced('')).toContain('required-sections');
  });

  it('no front matter, only prose', () => {
    expect(expectPlaced('Things broke. The engineer broke them.\n')).toContain(
      'no-person-as-cause',
    );
  });

  it('broken YAML and an unclosed front matter', () => {
    expect(expectPlaced('---\ntitle: [broken\nseverity: SEV2\n---\n# X\n')).toContain(
      'document/bad-front-matter',
    );
    expect(expectPlaced('---\ntitle: X\n# no closing fence\n\n## Summary\n\nText.\n')).toContain(
      'document/bad-front-matter',
    );
    expect(expectPlaced('---\n- a\n- b\n---\n# X\n')).toContain('document/bad-front-matter');
  });

  it('wrong types in the front matter', () => {
    const ids = expectPlaced('---\nresolved: yesterday\nstatus: shipped\nauthors: 3\n---\n# X\n');
    expect(ids).toContain('document/bad-time');
  });

  it('unknown sections and odd headings', () => {
    expectPlaced('# X\n\n## Banana\n\n### 🍌\n\n#### \n\n## Timeline\n\n## Timeline\n\nTwice.\n');
  });

  it('a huge timeline table', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const m = i % 60;
      const h = Math.floor(i / 60) % 24;
      return `| 2026-03-04 ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')} | event ${i} |`;
    });
    const text = `# X\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n${rows.join('\n')}\n`;
    const started = performance.now();
    const ids = expectPlaced(text);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(ids).toContain('timeline-zone');
  });

  it('non-English text', () => {
    const text = [
      '---',
      'title: Ausfall des Zahlungsdienstes',
      '---',
      '# Ausfall',
      '',
      '## Zusammenfassung',
      '',
      'Der Dienst war 53 Minuten nicht erreichbar. 日本語のテキスト。 Ошибка конфигурации.',
      '',
      '## Zeitablauf',
      '',
      '| Zeit | Ereignis |',
      '| --- | --- |',
      '| 14:02 | Alarm |',
    ].join('\n');
    expectPlaced(text);
  });

  it('binary-looking and control characters', () => {
    expectPlaced('# X\u0000\n\n## Summary\n\n\u0007\ufffd\ud800 text\n\n| a |\n| - |\n| \\| |\n');
  });

  it('--fix on bad input keeps the text', () => {
    for (const text of [
      '',
      '---\ntitle: [broken\n---\n',
      '# X\r\n\r\n## Banana\r\n',
      'just text',
    ]) {
      const fixed = fixText(text, { now }).text;
      let j = 0;
      for (let i = 0; i < fixed.length && j < text.length; i++) if (fixed[i] === text[j]) j++;
      expect(j).toBe(text.length);
    }
  });
});
