/** Alertmanager notifications as webhook receivers log them, and API/amtool alert arrays, one per line. */
import type { Attrs } from '../../core/event.js';
import { levelRank, type Level } from '../../core/level.js';
import { formatUtc, parseTimestampText } from '../../core/time.js';
import { UTC } from '../../core/zone.js';
import { detectByParse, type LogFormat, type ParsedEntry } from '../format.js';

type Json = Record<string, unknown>;

interface Alert {
  firing: boolean;
  labels: Json;
  annotations: Json;
  startsAt: string | undefined;
  endsAt: string | undefined;
  fingerprint: string | undefined;
  suppressed: boolean;
}

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined;

/** RFC 3339 times; Go's zero time (`0001-01-01T00:00:00Z`) means "not set". */
function time(text: string | undefined): number | undefined {
  if (text === undefined || text.startsWith('0001-')) return undefined;
  return parseTimestampText(text, UTC)?.ms;
}

/** A webhook alert (`status: "firing"`) or an API v2 alert (`status: {state: "active"}`). */
function toAlert(v: unknown): Alert | undefined {
  if (!isObject(v) || !isObject(v.labels)) return undefined;
  const status = v.status;
  const state = isObject(status) ? str(status.state) : str(status);
  const endsAt = str(v.endsAt);
  return {
    // API alerts are the current ones: active, suppressed or unprocessed all still fire.
    firing: state === undefined ? time(endsAt) === undefined : state !== 'resolved',
    labels: v.labels,
    annotations: isObject(v.annotations) ? v.annotations : {},
    startsAt: str(v.startsAt),
    endsAt,
    fingerprint: str(v.fingerprint),
    suppressed: state === 'suppressed',
  };
}

interface Notification {
  status: string | undefined;
  alerts: Alert[];
  top: Json;
}

/** Alerts of an API list; /api/v2/alerts/groups nests them one level down, in groups. */
function alertsOf(list: unknown[]): Alert[] {
  const alerts: Alert[] = [];
  for (const item of list) {
    const group = isObject(item) && item.startsAt === undefined ? item.alerts : undefined;
    for (const member of Array.isArray(group) ? group : [item]) {
      const a = toAlert(member);
      if (a === undefined || a.startsAt === undefined) return [];
      alerts.push(a);
    }
  }
  return alerts;
}

function read(value: unknown): Notification | undefined {
  if (Array.isArray(value)) return { status: undefined, alerts: alertsOf(value), top: {} };
  if (!isObject(value)) return undefined;
  if (Array.isArray(value.alerts)) {
    const alerts: Alert[] = [];
    for (const item of value.alerts) {
      const a = toAlert(item);
      if (a === undefined) return undefined;
      alerts.push(a);
    }
    return { status: str(value.status), alerts, top: value };
  }
  const single = toAlert(value);
  return single && single.startsAt !== undefined
    ? { status: undefined, alerts: [single], top: {} }
    : undefined;
}

// Severity label spellings, by how loudly they page.
const SEVERITY = new Map<string, Level>();
for (const [level, names] of [
  ['critical', 'critical page emergency fatal p1'],
  ['error', 'error major high p2'],
  ['warn', 'warning warn minor medium p3'],
  ['notice', 'info informational low none p4 p5'],
] as const) {
  for (const name of names.split(' ')) SEVERITY.set(name, level);
}

/** A firing alert without a severity we know is still an error: someone decided it should fire. */
function alertLevel(a: Alert): Level {
  const severity = str(a.labels.severity);
  return (severity === undefined ? undefined : SEVERITY.get(severity.toLowerCase())) ?? 'error';
}

/** The alert that speaks for the notification: the loudest, silenced ones only when all are. */
function loudest(alerts: readonly Alert[]): Alert {
  let best = alerts[0]!;
  for (const a of alerts) if (levelRank(levelOf(a)) > levelRank(levelOf(best))) best = a;
  return best;
}

function levelOf(a: Alert): Level {
  return a.suppressed ? 'notice' : alertLevel(a);
}

function latest(
  alerts: readonly Alert[],
  pick: (a: Alert) => string | undefined,
): [number, string] | undefined {
  let best: [number, string] | undefined;
  for (const a of alerts) {
    const text = pick(a);
    const ms = time(text);
    if (ms !== undefined && (best === undefined || ms > best[0])) best = [ms, text!];
  }
  return best;
}

function parse(line: string): ParsedEntry | null {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  const c = line.charCodeAt(i);
  // Only lines that can be alerts reach JSON.parse: other JSON logs are rejected in one scan.
  if (c !== 123 && c !== 91) return null;
  if (line.indexOf('"labels"', i) < 0) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const n = read(value);
  if (n === undefined || n.alerts.length === 0) return null;
  const firingAlerts = n.alerts.filter((a) => a.firing);
  const status = n.status ?? (firingAlerts.length > 0 ? 'firing' : 'resolved');
  const firing = status === 'firing';
  const received = str(n.top.receivedAt);
  const receivedMs = time(received);
  const at: [number, string] | undefined =
    receivedMs !== undefined
      ? [receivedMs, received!]
      : firing
        ? latest(firingAlerts.length > 0 ? firingAlerts : n.alerts, (a) => a.startsAt)
        : latest(n.alerts, (a) => a.endsAt);
  if (at === undefined) return null;
  const pool = firing ? (firingAlerts.length > 0 ? firingAlerts : n.alerts) : undefined;
  const primary =
    pool !== undefined ? loudest(pool) : (n.alerts.find((a) => !a.firing) ?? n.alerts[0]!);
  return {
    ts: at[0],
    tsText: at[1],
    zoned: true,
    level: pool !== undefined ? levelOf(primary) : 'info',
    message: message(status, primary, n),
    attrs: attributes(status, primary, n),
  };
}

function summaryOf(a: Alert, n: Notification): string | undefined {
  const common = isObject(n.top.commonAnnotations) ? n.top.commonAnnotations : {};
  return (
    str(a.annotations.summary) ??
    str(a.annotations.message) ??
    str(a.annotations.description) ??
    str(common.summary)
  );
}

function message(status: string, a: Alert, n: Notification): string {
  const name = str(a.labels.alertname) ?? 'alert';
  const severity = str(a.labels.severity);
  const summary = summaryOf(a, n);
  let text = `${status.toUpperCase()} ${name}`;
  if (severity !== undefined) text += ` (${severity})`;
  if (summary !== undefined) text += `: ${summary}`;
  if (n.alerts.length > 1) text += ` (+${n.alerts.length - 1} more)`;
  return text;
}

const LABEL_ATTRS = ['severity', 'service', 'job', 'instance', 'namespace', 'pod'] as const;

function attributes(status: string, a: Alert, n: Notification): Attrs {
  const attrs: Attrs = {};
  const name = str(a.labels.alertname);
  if (name !== undefined) attrs.alertname = name;
  attrs.alertStatus = status;
  for (const key of LABEL_ATTRS) {
    const v = str(a.labels[key]);
    if (v !== undefined) attrs[key] = v;
  }
  const starts = time(a.startsAt);
  if (starts !== undefined) attrs.alertStartsAt = formatUtc(starts);
  const ends = a.firing ? undefined : time(a.endsAt);
  if (ends !== undefined) attrs.alertEndsAt = formatUtc(ends);
  attrs.alertCount = n.alerts.length;
  if (a.fingerprint !== undefined) attrs.fingerprint = a.fingerprint;
  const groupKey = str(n.top.groupKey);
  if (groupKey !== undefined) attrs.groupKey = groupKey;
  const receiver = str(n.top.receiver);
  if (receiver !== undefined) attrs.receiver = receiver;
  const summary = summaryOf(a, n);
  if (summary !== undefined) attrs.summary = summary;
  const runbook = str(a.annotations.runbook_url);
  if (runbook !== undefined) attrs.runbookUrl = runbook;
  if (a.suppressed) attrs.suppressed = true;
  return attrs;
}

export const alertmanager: LogFormat = {
  id: 'alertmanager',
  aliases: ['alertmanager-webhook', 'amtool'],
  description:
    'Alertmanager webhook notifications (version 4) one per line, and API/amtool alert arrays',
  multiline: false,
  detect: (sample, ctx) => detectByParse(alertmanager, sample, ctx),
  parse,
};
