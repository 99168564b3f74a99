/**
 * AWS CloudTrail records, one JSON object per line: the `Records` of CloudTrail's S3 files (read
 * as a JSON document, see json-document.ts), CloudTrail Lake and EventBridge exports. Each record
 * is an API call: who called what on which service, from where, and whether it failed. Calls that
 * change something (not `Get…`, `List…`, `Describe…`) are what the analysis looks at as changes
 * before an incident.
 */
import type { Attrs } from '../../core/event.js';
import type { Level } from '../../core/level.js';
import { parseTimestampText } from '../../core/time.js';
import { UTC } from '../../core/zone.js';
import { detectByParse, type LogFormat, type ParsedEntry } from '../format.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined;

// API names that only read; CloudTrail's own `readOnly` says so when it is there.
const READ =
  /^(?:Get|List|Describe|Lookup|Head|Search|Select|Scan|Query|BatchGet|Check|Validate|Test|Preview|Estimate|Simulate|View)[A-Z]/;

/** Whether the call changed something: CloudTrail's `readOnly` when present, else its name. */
export function isMutating(eventName: string, readOnly: unknown): boolean {
  if (typeof readOnly === 'boolean') return !readOnly;
  return !READ.test(eventName);
}

/** Who called: an assumed role's session, a user, a service (no person is named beyond the ARN). */
function actorOf(identity: Json): string | undefined {
  const arn = str(identity.arn);
  // `arn:aws:sts::111122223333:assumed-role/deploy/ci-run-42` → `assumed-role/deploy/ci-run-42`
  if (arn !== undefined) return arn.split(':').slice(5).join(':') || arn;
  return str(identity.invokedBy) ?? str(identity.principalId) ?? str(identity.type);
}

/** The ARNs of `resources`, when the record lists them. */
function resourcesOf(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  const arns = v.map((r) => (isObject(r) ? str(r.ARN) : undefined)).filter((a) => a !== undefined);
  return arns.length > 0 ? arns.slice(0, 8).join(' ') : undefined;
}

// Record fields kept as they are, by attribute name (in this order, before and after `mutating`).
const BEFORE = [
  ['awsRegion', 'region'],
  ['sourceIPAddress', 'clientIp'],
  ['userAgent', 'userAgent'],
] as const;
const AFTER = [
  ['errorCode', 'errorCode'],
  ['errorMessage', 'errorMessage'],
  ['requestID', 'requestId'],
  ['eventID', 'eventId'],
] as const;

function copy(r: Json, attrs: Attrs, fields: readonly (readonly [string, string])[]): void {
  for (const [from, to] of fields) {
    const v = str(r[from]);
    if (v !== undefined) attrs[to] = v;
  }
}

function parse(line: string): ParsedEntry | null {
  // Only lines that can be CloudTrail records reach JSON.parse.
  if (line.charCodeAt(0) !== 123 || line.indexOf('"eventSource"') < 0) return null;
  let r: unknown;
  try {
    r = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isObject(r)) return null;
  const eventTime = str(r.eventTime);
  const eventName = str(r.eventName);
  const eventSource = str(r.eventSource);
  if (eventTime === undefined || eventName === undefined || eventSource === undefined) return null;
  if (str(r.eventVersion) === undefined && str(r.eventID) === undefined) return null;
  const t = parseTimestampText(eventTime, UTC);
  if (t === undefined) return null;
  const attrs: Attrs = { eventName, eventSource };
  const service = eventSource.replace(/\.amazonaws\.com$/, '');
  const identity = isObject(r.userIdentity) ? r.userIdentity : {};
  const actor = actorOf(identity);
  if (actor !== undefined) attrs.actor = actor;
  copy(r, attrs, BEFORE);
  attrs.mutating = isMutating(eventName, r.readOnly);
  copy(r, attrs, AFTER);
  const errorCode = str(r.errorCode);
  const resources = resourcesOf(r.resources);
  if (resources !== undefined) attrs.resources = resources;
  const account = str(r.recipientAccountId);
  if (account !== undefined) attrs.account = account;
  // A refused call is a warning (someone or something lacked a permission, or asked wrongly); a
  // failed change is an error: what was meant to change did not.
  let level: Level = 'info';
  if (errorCode !== undefined) level = attrs.mutating ? 'error' : 'warn';
  let message = `${service} ${eventName}`;
  if (actor !== undefined) message += ` by ${actor}`;
  if (errorCode !== undefined) message += ` failed: ${errorCode}`;
  return { ts: t.ms, tsText: eventTime, zoned: t.zoned, level, message, attrs };
}

export const cloudtrail: LogFormat = {
  id: 'cloudtrail',
  aliases: ['aws-cloudtrail'],
  description: 'AWS CloudTrail records (S3 files, CloudTrail Lake, EventBridge): API calls',
  multiline: false,
  detect: (sample, ctx) => detectByParse(cloudtrail, sample, ctx),
  parse,
};
