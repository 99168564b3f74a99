/** Runs the rules over a document: config levels and options, inline disable comments, one finding type. */
import type { Diagnostic, Place, Severity } from '../core/diagnostic.js';
import {
  parseDocument,
  toPlace,
  type PostmortemDocument,
  type TextEdit,
} from '../document/index.js';
import { EMPTY_CONFIG, type LintConfig } from './config.js';
import { formatMessage, type LintSettings, type Report } from './define-rule.js';
import { Directives } from './directives.js';
import { DocumentFacts } from './facts.js';
import { RULES } from './rules/index.js';

/** A lint finding: a Diagnostic with the message id, a place, and a fix when one is safe. */
export interface LintFinding extends Diagnostic {
  messageId: string;
  place: Place;
  fix?: TextEdit[];
}

export interface LintResult {
  source: string;
  findings: LintFinding[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  /** Findings with a fix. */
  fixableCount: number;
}

export interface LintOptions {
  /** File path or name for findings. */
  source?: string;
  config?: LintConfig;
  /** "Today", UTC ms; overrides the config's `now`. */
  now?: number;
  /** Run only these rules (ids); default all that are not off. */
  only?: readonly string[];
}

const ORIGIN: Place = { line: 1, column: 1, offset: 0 };

/**
 * Lints a postmortem's text.
 *
 * @example
 * const result = lintText(readFileSync('postmortem.md', 'utf8'), { source: 'postmortem.md' });
 * result.findings.map((f) => `${f.place.line}:${f.place.column} ${f.ruleId}`);
 */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  const config = options.config ?? EMPTY_CONFIG;
  const doc = parseDocument(text, {
    source: options.source ?? '<document>',
    ...(config.severityScale ? { severityScale: config.severityScale } : {}),
  });
  return summarise(doc.source, lintDocument(doc, options));
}

export function lintDocument(doc: PostmortemDocument, options: LintOptions = {}): LintFinding[] {
  const config = options.config ?? EMPTY_CONFIG;
  const settings: LintSettings = {
    now: options.now ?? config.now ?? Date.now(),
    phrases: config.phrases,
  };
  const facts = new DocumentFacts(doc, settings);
  const findings: LintFinding[] = doc.diagnostics.map((d) => ({
    ...d,
    messageId: d.ruleId.split('/').pop() ?? d.ruleId,
    place: d.place ?? ORIGIN,
  }));
  for (const [id, rule] of Object.entries(RULES)) {
    if (options.only && !options.only.includes(id)) continue;
    const setting = config.rules[id];
    const severity: Severity | 'off' = setting?.level ?? rule.meta.severity;
    if (severity === 'off') continue;
    const parsed = rule.meta.options.safeParse(setting?.options ?? {});
    const report = (r: Report<string>): void => {
      const template = rule.meta.messages[r.messageId] ?? r.messageId;
      const f: LintFinding = {
        ruleId: id,
        messageId: r.messageId,
        source: doc.source,
        severity,
        message: formatMessage(template, r.data),
        place: toPlace(r.span),
        url: rule.meta.docs,
      };
      if (r.data) f.data = r.data;
      if (r.fix && r.fix.length > 0) f.fix = r.fix;
      findings.push(f);
    };
    try {
      if (!parsed.success) throw new Error(`bad options: ${parsed.error.issues[0]?.message}`);
      rule.create({ document: doc, options: parsed.data, settings, facts, report });
    } catch (err) {
      // One rule's bug must not cost the user the other rules' findings.
      findings.push({
        ruleId: 'lint/rule-failed',
        messageId: 'ruleFailed',
        source: doc.source,
        severity: 'error',
        message: `rule ${id} failed: ${(err as Error)?.message ?? String(err)}`,
        place: ORIGIN,
        data: { rule: id },
        cause: err,
      });
    }
  }
  const directives = new Directives(doc, facts.lines);
  const kept =
    directives.size === 0
      ? findings
      : findings.filter(
          (f) =>
            f.ruleId === 'lint/rule-failed' ||
            !directives.disabled(f.ruleId, f.place.offset ?? 0, f.place.line),
        );
  return kept.sort(
    (a, b) =>
      a.place.line - b.place.line ||
      a.place.column - b.place.column ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

export function summarise(source: string, findings: LintFinding[]): LintResult {
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  return {
    source,
    findings,
    errorCount: count('error'),
    warningCount: count('warning'),
    infoCount: count('info'),
    fixableCount: findings.filter((f) => f.fix).length,
  };
}
