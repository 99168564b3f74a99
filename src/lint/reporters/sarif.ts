/**
 * SARIF 2.1.0 for code scanning: every rule in tool.driver.rules (id, descriptions, help link,
 * default level) and one result per finding with its physical location.
 */
import type { Severity } from '../../core/diagnostic.js';
import { displayPath, docsUrl } from './paths.js';
import { defineReporter } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** A relative path as a URI reference: each segment percent-encoded. */
const uriOf = (path: string): string =>
  /^[a-z]+:\/\//i.test(path) ? path : path.split('/').map(encodeURIComponent).join('/');

export default defineReporter({
  id: 'sarif',
  description: 'SARIF 2.1.0, for GitHub code scanning and other SARIF viewers',
  render(results, context) {
    const ids = [
      ...Object.keys(context.rules),
      // Findings from the parser (document/…) and the linter itself get rule entries too.
      ...new Set(
        results.flatMap((r) => r.findings.map((f) => f.ruleId)).filter((id) => !context.rules[id]),
      ),
    ];
    const index = new Map(ids.map((id, i) => [id, i]));
    const rules = ids.map((id) => {
      const rule = context.rules[id];
      const help = docsUrl(id, rule, context);
      return {
        id,
        shortDescription: {
          text: rule?.meta.description ?? `Problems reported by ${id.split('/')[0]}`,
        },
        ...(help ? { helpUri: help } : {}),
        defaultConfiguration: { level: rule ? LEVEL[rule.meta.severity] : 'warning' },
      };
    });
    const sarifResults = results.flatMap((r) =>
      r.findings.map((f) => ({
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId) ?? 0,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uriOf(displayPath(r.source, context.cwd)) },
              region: {
                startLine: f.place.line,
                startColumn: f.place.column,
                endLine: Math.max(f.place.end?.line ?? f.place.line, f.place.line),
                endColumn: Math.max(
                  f.place.end?.column ?? f.place.column + 1,
                  f.place.end && f.place.end.line > f.place.line ? 1 : f.place.column + 1,
                ),
              },
            },
          },
        ],
      })),
    );
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'aftermath',
              ...(context.version ? { version: context.version } : {}),
              rules,
            },
          },
          results: sarifResults,
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
});
