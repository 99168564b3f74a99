/** JSON: one object per file with its findings (positions 1-based, offsets in UTF-16 code units). */
import { displayPath } from './paths.js';
import { defineReporter } from './types.js';

export default defineReporter({
  id: 'json',
  description: 'one object per file with findings, counts and fixes, for tools',
  render(results, context) {
    const files = results.map((r) => ({
      filePath: displayPath(r.source, context.cwd),
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      infoCount: r.infoCount,
      fixableCount: r.fixableCount,
      findings: r.findings.map((f) => ({
        ruleId: f.ruleId,
        messageId: f.messageId,
        severity: f.severity,
        message: f.message,
        line: f.place.line,
        column: f.place.column,
        endLine: f.place.end?.line ?? f.place.line,
        endColumn: f.place.end?.column ?? f.place.column,
        ...(f.data ? { data: f.data } : {}),
        ...(f.url ? { url: f.url } : {}),
        ...(f.fix ? { fix: f.fix } : {}),
      })),
    }));
    return `${JSON.stringify(files, null, 2)}\n`;
  },
});
