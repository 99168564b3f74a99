/** Insights across archived postmortems: the library surface the CLI and the server use. */
export { computeInsights, type InsightsOptions } from './insights.js';
export { insightsText, shortDuration } from './text.js';
export * from './types.js';
