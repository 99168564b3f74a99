/** The self-contained HTML report (`aftermath report`). */
export { renderReport } from './report.js';
export { readAnalysis } from './analysis-input.js';
export type {
  ReportAnalysis,
  ReportAssets,
  ReportFinding,
  ReportInput,
  ReportOptions,
} from './types.js';
