/** What a lint rule is: one file, one object with an id, meta (severity, messages, docs, options) and create(context). */
import { z } from 'zod';
import type { Severity } from '../core/diagnostic.js';
import type { PostmortemDocument, Span, TextEdit } from '../document/index.js';
import type { DocumentFacts } from './facts.js';

/** Settings every rule sees: the clock and the phrase lists from the config. */
export interface LintSettings {
  /** "Today" for due dates and deadlines, UTC ms. */
  now: number;
  phrases: Phrases;
}

/** Custom phrase lists from the config; each adds to a rule's built-in list. */
export interface Phrases {
  /** Judgemental words and phrases (no-judgemental-words). */
  judgemental: readonly string[];
  /** Vague action openings such as "look into" (action-item-vague). */
  vague: readonly string[];
  /** Names of people, beyond the front matter's authors and reviewers. */
  people: readonly string[];
  /** Phrases that are never blame: a sentence holding one is skipped by the blameless rules. */
  allow: readonly string[];
}

export const NO_PHRASES: Phrases = { judgemental: [], vague: [], people: [], allow: [] };

export interface Report<M extends string> {
  messageId: M;
  data?: Record<string, string | number>;
  span: Span;
  /** Edits against the parsed text that fix this finding; only safe fixes are offered. */
  fix?: TextEdit[];
}

export interface RuleContext<M extends string, O> {
  document: PostmortemDocument;
  options: O;
  settings: LintSettings;
  /** Derived views shared by rules: prose sentences, people, … (computed once per document). */
  facts: DocumentFacts;
  report(report: Report<M>): void;
}

export interface RuleMeta<M extends string, O> {
  description: string;
  /** The default severity. */
  severity: Severity;
  fixable?: boolean;
  /** Message templates by id; `{{name}}` is replaced from the report's data. */
  messages: Readonly<Record<M, string>>;
  /** Where the rule's documentation is. */
  docs: string;
  /** The options schema; parsing `{}` gives the defaults. */
  options: z.ZodType<O, Record<string, unknown>>;
}

export interface Rule<M extends string = string, O = unknown> {
  id: string;
  meta: RuleMeta<M, O>;
  create(context: RuleContext<M, O>): void;
}

/** A rule whose message ids and options are erased, as the registry and linter hold them. */
export type AnyRule = Rule<string, unknown>;

/** Where rule docs live: `docs/rules/` of the installed package (src/lint and dist/lint both sit two levels down). */
export const RULE_DOCS_BASE = new URL('../../docs/rules/', import.meta.url);

export function ruleDocsUrl(id: string): string {
  return new URL(`${id}.md`, RULE_DOCS_BASE).href;
}

/** Rules without options use this schema. */
export const noOptions = z.object({}).strict();

/**
 * Declares a rule; the identity function that lets TypeScript check message ids and options.
 *
 * @example
 * export default defineRule({
 *   id: 'severity-required',
 *   meta: { description: '…', severity: 'warning', messages: { missing: 'No severity.' }, docs: ruleDocsUrl('severity-required'), options: noOptions },
 *   create(context) { if (!context.document.frontMatter?.data.severity) context.report({ messageId: 'missing', span }); },
 * });
 */
export function defineRule<M extends string, O>(rule: Rule<M, O>): AnyRule {
  return rule as unknown as AnyRule;
}

/** A message template filled from data: `{{name}}` → data.name. */
export function formatMessage(
  template: string,
  data: Record<string, string | number> = {},
): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) =>
    k in data ? String(data[k]) : m,
  );
}
