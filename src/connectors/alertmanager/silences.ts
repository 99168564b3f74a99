/** Alertmanager silences as JSON log lines the `json` ingest format reads. */
import { apiTime } from './window.js';

interface Matcher {
  name?: unknown;
  value?: unknown;
  isRegex?: unknown;
  isEqual?: unknown;
}

/** A silence as `GET /api/v2/silences` returns it (gettableSilence). */
export interface ApiSilence {
  id?: unknown;
  matchers?: unknown;
  startsAt?: unknown;
  endsAt?: unknown;
  createdBy?: unknown;
  comment?: unknown;
  status?: { state?: unknown };
}

/** `name="value"`, `name=~"re"`, `name!="value"`, `name!~"re"` as amtool prints them. */
export function matcherText(m: Matcher): string {
  const negated = m.isEqual === false;
  const op = m.isRegex === true ? (negated ? '!~' : '=~') : negated ? '!=' : '=';
  return `${String(m.name)}${op}${JSON.stringify(String(m.value ?? ''))}`;
}

export interface SilenceLine {
  time: string;
  level: 'info';
  msg: string;
  silence_id: string;
  created_by: string;
  state: string;
  starts_at: string;
  ends_at: string;
}

const text = (v: unknown, fallback: string): string =>
  typeof v === 'string' && v !== '' ? v : fallback;

/**
 * The lines a silence gives: when it started and, when it ended inside the window, when it ended
 * (so the timeline shows when alerts could page again). Undefined when it has no readable times.
 */
export function silenceLines(s: ApiSilence, until: number): [number, SilenceLine][] | undefined {
  const start = apiTime(s.startsAt);
  const end = apiTime(s.endsAt);
  if (start === undefined || end === undefined) return undefined;
  const id = text(s.id, '(no id)');
  const by = text(s.createdBy, 'someone');
  const matchers = Array.isArray(s.matchers)
    ? (s.matchers as Matcher[]).map(matcherText).join(', ')
    : '';
  const base = {
    level: 'info' as const,
    silence_id: id,
    created_by: by,
    state: text(s.status?.state, 'unknown'),
    starts_at: new Date(start).toISOString(),
    ends_at: new Date(end).toISOString(),
  };
  const what = `${text(s.comment, '(no comment)')} (${matchers})`;
  const lines: [number, SilenceLine][] = [
    [start, { time: base.starts_at, ...base, msg: `silence ${id} by ${by}: ${what}` }],
  ];
  if (end < until) {
    lines.push([end, { time: base.ends_at, ...base, msg: `silence ${id} ended: ${what}` }]);
  }
  return lines;
}
