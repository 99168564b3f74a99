import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EMPTY_CONFIG, type LintConfig } from './config.js';
import { lintText } from './linter.js';
import { RULES } from './rules/index.js';

const good = readFileSync(join(import.meta.dirname, '../../test/fixtures/lint/good.md'), 'utf8');
const now = Date.parse('2026-03-10T00:00:00Z');
const rules = (text: string, config: LintConfig = EMPTY_CONFIG): string[] =>
  lintText(text, { config, now }).findings.map((f) => f.ruleId);
const withRules = (r: LintConfig['rules']): LintConfig => ({ ...EMPTY_CONFIG, rules: r });

describe('lintText', () => {
  it('finds nothing in a complete, blameless postmortem', () => {
    expect(lintText(good, { now }).findings).toEqual([]);
  });

  it('gives every finding a rule id, message id, severity, place and docs link', () => {
    const r = lintText('# Outage\n\nThe engineer broke it.\n', { source: 'pm.md', now });
    expect(r.findings.length).toBeGreaterThan(0);
    for (const f of r.findings) {
      expect(f.ruleId).toMatch(/^[a-z-]+(\/[a-z-]+)?$/);
      expect(f.messageId).not.toBe('');
      expect(f.place.line).toBeGreaterThanOrEqual(1);
      expect(f.source).toBe('pm.md');
      if (RULES[f.ruleId]) expect(f.url).toMatch(/docs\/rules\/[a-z-]+\.md$/);
    }
    expect(r.errorCount + r.warningCount + r.infoCount).toBe(r.findings.length);
  });

  it('applies levels from the config', () => {
    const text = good.replace('severity: SEV2\n', '');
    expect(rules(text)).toEqual(['severity-required']);
    expect(rules(text, withRules({ 'severity-required': { level: 'off' } }))).toEqual([]);
    const [f] = lintText(text, {
      config: withRules({ 'severity-required': { level: 'error' } }),
      now,
    }).findings;
    expect(f?.severity).toBe('error');
  });

  it('passes rule options from the config', () => {
    const text = good;
    expect(rules(text, withRules({ 'five-whys-chain': { options: { min: 5 } } }))).toEqual([
      'five-whys-chain',
    ]);
  });

  it('reports the parser’s diagnostics too', () => {
    const text = good.replace('started: 2026-03-04T14:02:00Z', 'started: [broken');
    expect(rules(text)).toContain('document/bad-front-matter');
  });

  it('keeps going when a rule throws', () => {
    const spy = vi.spyOn(RULES['impact-numbers']!, 'create').mockImplementation(() => {
      throw new Error('boom');
    });
    try {
      const r = lintText(good.replace('severity: SEV2\n', ''), { now });
      expect(r.findings.map((f) => f.ruleId).sort()).toEqual([
        'lint/rule-failed',
        'severity-required',
      ]);
      expect(r.findings.find((f) => f.ruleId === 'lint/rule-failed')?.data).toEqual({
        rule: 'impact-numbers',
      });
    } finally {
      spy.mockRestore();
    }
  });
});

describe('disable comments', () => {
  const blame = '## Summary\n\nThe engineer broke it.\n\nHe forgot to check.\n';
  const doc = (body: string): string => `# Outage\n\n${body}`;
  const blameRules = (text: string): string[] =>
    lintText(text, { now, only: ['no-person-as-cause', 'no-counterfactual-blame'] }).findings.map(
      (f) => f.ruleId,
    );

  it('disable … enable turns rules off in between', () => {
    const text = doc(
      '## Summary\n\n<!-- aftermath-disable no-person-as-cause -->\n\nThe engineer broke it.\n\n<!-- aftermath-enable -->\n\nHe broke it again.\n',
    );
    expect(blameRules(text)).toEqual(['no-person-as-cause']);
    expect(lintText(text, { now, only: ['no-person-as-cause'] }).findings[0]?.place.line).toBe(11);
  });

  it('disable without ids turns every rule off; before the first section it covers the document', () => {
    expect(blameRules(doc(`<!-- aftermath-disable -->\n\n${blame}`))).toEqual([]);
    expect(
      rules(
        `<!-- aftermath-disable severity-required -- internal doc -->\n\n${good.replace(/^---[\s\S]*?---\n/, '')}`,
      ),
    ).not.toContain('severity-required');
  });

  it('disable-next-line covers the next non-blank line only', () => {
    const text = doc(
      '## Summary\n\n<!-- aftermath-disable-next-line no-person-as-cause -->\nThe engineer broke it.\n\nThe engineer broke it again.\n',
    );
    expect(
      lintText(text, { now, only: ['no-person-as-cause'] }).findings.map((f) => f.place.line),
    ).toEqual([8]);
  });

  it('disable-line covers its own line, and enable of one rule after disable of all', () => {
    const text = doc('## Summary\n\nThe engineer broke it. <!-- aftermath-disable-line -->\n');
    expect(blameRules(text)).toEqual([]);
    const text2 = doc(
      '## Summary\n\n<!-- aftermath-disable -->\n\n<!-- aftermath-enable no-counterfactual-blame -->\n\nThe engineer broke it.\n\nHe forgot to check.\n',
    );
    expect(blameRules(text2)).toEqual(['no-counterfactual-blame']);
  });

  it('ignores directives inside code blocks', () => {
    const text = doc(
      '## Summary\n\n```\n<!-- aftermath-disable -->\n```\n\nThe engineer broke it.\n',
    );
    expect(blameRules(text)).toEqual(['no-person-as-cause']);
  });
});
