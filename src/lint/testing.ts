/** Running one rule on a text, for rule tests (and for people writing rules). */
import type { LintConfig } from './config.js';
import { NO_PHRASES, type Phrases } from './define-rule.js';
import { lintText, type LintFinding } from './linter.js';

export interface RunRuleOptions {
  options?: Record<string, unknown>;
  now?: string;
  phrases?: Partial<Phrases>;
}

/**
 * The findings of one rule on a text.
 *
 * @example
 * runRule('severity-required', '# Outage\n').map((f) => f.messageId); // ['missing']
 */
export function runRule(id: string, text: string, o: RunRuleOptions = {}): LintFinding[] {
  const config: LintConfig = {
    rules: { [id]: o.options ? { options: o.options } : {} },
    phrases: { ...NO_PHRASES, ...o.phrases },
  };
  return lintText(text, {
    source: 'test.md',
    config,
    only: [id],
    now: Date.parse(o.now ?? '2026-06-01T00:00:00Z'),
  }).findings.filter((f) => f.ruleId === id);
}

/** Message ids of one rule's findings on a text. */
export const ids = (id: string, text: string, o?: RunRuleOptions): string[] =>
  runRule(id, text, o).map((f) => f.messageId);
