/** What a reporter is: lint results in, text out. */
import type { AnyRule } from '../define-rule.js';
import type { LintResult } from '../linter.js';

export interface ReportContext {
  /** Paths in results are shown relative to this (SARIF and GitHub need repository-relative paths). */
  cwd: string;
  /** The rules that ran, by id. */
  rules: Readonly<Record<string, AnyRule>>;
  /** Colour for terminals (stylish only). */
  color: boolean;
  /** Overrides the base of rule documentation links (`…/docs/rules/`). */
  docsBaseUrl?: string;
  /** Version of aftermath, for SARIF's tool.driver. */
  version?: string;
}

export interface Reporter {
  id: string;
  description: string;
  render(results: readonly LintResult[], context: ReportContext): string;
}

export function defineReporter(r: Reporter): Reporter {
  return r;
}
