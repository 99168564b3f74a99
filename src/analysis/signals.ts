/** What counts as a request, an error and a latency in an event, for every analysis that asks. */
import type { LogEvent } from '../core/event.js';
import { levelRank } from '../core/level.js';

const ERROR_RANK = levelRank('error');

/** The HTTP status of a request event (access logs, request-completed app lines), if any. */
export function statusOf(e: LogEvent): number | undefined {
  const s = e.attrs.status;
  return typeof s === 'number' && s >= 100 && s < 600 ? s : undefined;
}

/** Level error or worse, or a 5xx response. */
export function isError(e: LogEvent): boolean {
  if (levelRank(e.level) >= ERROR_RANK) return true;
  const s = statusOf(e);
  return s !== undefined && s >= 500;
}

export function latencyOf(e: LogEvent): number | undefined {
  const l = e.attrs.latencyMs;
  return typeof l === 'number' && Number.isFinite(l) && l >= 0 ? l : undefined;
}

/** Sources of change and alerting, not of traffic: they annotate the series rather than form one. */
export function isAnnotation(e: LogEvent): boolean {
  // Commits, alerts, pages and chat messages are about the incident, not traffic of the system.
  return (
    e.format === 'git-log' ||
    e.format === 'alertmanager' ||
    // CloudTrail records API calls to the cloud: changes and refusals, not the system's traffic.
    e.format === 'cloudtrail' ||
    e.attrs.kind === 'page' ||
    e.attrs.kind === 'chat'
  );
}

// Where structured logs put the error itself (pino/bunyan `err`, ECS `error`, OTel `exception`).
const ERROR_KEYS = [
  'err.message',
  'error.message',
  'exception.message',
  'error',
  'err',
  'exception',
  'error.type',
  'err.code',
];

/**
 * The text an error is known by, for ranking error types: the message with the error a structured
 * log attached, else the message. Undefined for a bare 5xx response line (an access log): its
 * route and status are counted separately, and a template miner would mask them both.
 */
export function errorText(e: LogEvent): string | undefined {
  for (const k of ERROR_KEYS) {
    const v = e.attrs[k];
    if (typeof v === 'string' && v.length > 0) return `${e.message}: ${v}`;
  }
  const s = statusOf(e);
  if (s !== undefined && s >= 500 && (e.format === 'access' || e.format === 'w3c'))
    return undefined;
  return e.message;
}
