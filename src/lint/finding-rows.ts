/** The linter's findings on a text as flat rows (rule, severity, message, line, column, url): what the report and the web editor list. */
import type { Severity } from '../core/diagnostic.js';
import { lintText } from './linter.js';

export interface FindingRow {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  url?: string;
}

export function findingRows(text: string, source: string): FindingRow[] {
  return lintText(text, { source }).findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.place.line,
    column: f.place.column,
    ...(f.url !== undefined ? { url: f.url } : {}),
  }));
}
