/** The analysis JSON checked for the parts the report reads, so a wrong file fails with one clear line. */
import { AftermathError } from '../../errors.js';
import type { ReportAnalysis } from './types.js';

const SCHEMA = 'aftermath/analysis@1';
const ARRAYS = ['sources', 'moments', 'traffic', 'gaps', 'series'] as const;

export function readAnalysis(json: ReportAnalysis | Record<string, unknown>): ReportAnalysis {
  const a = json as Record<string, unknown>;
  if (a.schema !== SCHEMA)
    throw new AftermathError(
      'report-input',
      `the analysis has schema ${JSON.stringify(a.schema)}; expected "${SCHEMA}" (aftermath analyze --json)`,
    );
  for (const key of ARRAYS)
    if (!Array.isArray(a[key]))
      throw new AftermathError(
        'report-input',
        `the analysis has no "${key}" list; expected an array`,
      );
  const templates = a.templates as Record<string, unknown> | undefined;
  if (!templates || !Array.isArray(templates.topErrors) || !Array.isArray(templates.new))
    throw new AftermathError(
      'report-input',
      'the analysis has no "templates.topErrors" and "templates.new"',
    );
  if (typeof a.mttx !== 'object' || a.mttx === null)
    throw new AftermathError('report-input', 'the analysis has no "mttx" object');
  return json as ReportAnalysis;
}
