/** A PagerDuty log entry as one JSON line the `json` ingest format reads (time, level, msg, attributes). */

interface Ref {
  id?: string;
  type?: string;
  summary?: string;
  html_url?: string;
}

export interface LogEntry {
  id?: string;
  type?: string;
  summary?: string;
  created_at?: string;
  agent?: Ref | null;
  channel?: { type?: string; summary?: string } | null;
  service?: Ref | null;
  incident?: (Ref & { title?: string; incident_number?: number; service?: Ref }) | null;
  assignees?: Ref[];
  user?: Ref | null;
  event_details?: { description?: string } | null;
  teams?: Ref[];
}

const VERBS: Record<string, string> = {
  trigger_log_entry: 'triggered',
  acknowledge_log_entry: 'acknowledged',
  unacknowledge_log_entry: 'unacknowledged',
  escalate_log_entry: 'escalated',
  assign_log_entry: 'assigned',
  annotate_log_entry: 'note added',
  notify_log_entry: 'notified',
  resolve_log_entry: 'resolved',
  reach_trigger_limit_log_entry: 'trigger limit reached',
  repeat_escalation_path_log_entry: 'escalation path repeated',
  exhaust_escalation_path_log_entry: 'escalation path exhausted',
  snooze_log_entry: 'snoozed',
  urgency_change_log_entry: 'urgency changed',
  priority_change_log_entry: 'priority changed',
};

/** `[#1234] High error ratio` → `High error ratio`: the reference summary repeats the number. */
function incidentTitle(i: NonNullable<LogEntry['incident']>): string | undefined {
  return i.title ?? i.summary?.replace(/^\[#\d+\]\s*/, '');
}

/** The line for an entry; undefined for an entry without a readable time. */
export function logEntryRecord(e: LogEntry): Record<string, string | number> | undefined {
  if (!e.created_at || Number.isNaN(Date.parse(e.created_at))) return undefined;
  const type = e.type ?? 'log_entry';
  const verb = VERBS[type] ?? type.replace(/_log_entry$/, '').replace(/_/g, ' ');
  const agent = e.agent?.summary;
  const incident = e.incident?.id;
  const title = e.incident ? incidentTitle(e.incident) : undefined;
  let what = verb;
  if (type === 'assign_log_entry' && e.assignees?.length)
    what += ` to ${e.assignees.map((a) => a.summary ?? a.id).join(', ')}`;
  else if (type === 'notify_log_entry' && e.user?.summary)
    what += ` ${e.user.summary}${e.channel?.type ? ` by ${e.channel.type}` : ''}`;
  else if (type === 'trigger_log_entry' && e.channel?.type) what += ` via ${e.channel.type}`;
  if (agent && type !== 'notify_log_entry') what += ` by ${agent}`;
  const about = incident ? ` (incident ${incident}${title ? ` "${title}"` : ''})` : '';
  const rec: Record<string, string | number> = {
    time: new Date(Date.parse(e.created_at)).toISOString(),
    level: 'info',
    msg: `PagerDuty: ${what}${about}`,
    kind: 'page',
    pagerduty_type: type,
  };
  if (e.id) rec.log_entry = e.id;
  if (incident) rec.incident = incident;
  if (title) rec.incident_title = title;
  if (e.incident?.html_url) rec.incident_url = e.incident.html_url;
  if (agent) rec.agent = agent;
  if (e.agent?.type) rec.agent_type = e.agent.type.replace(/_reference$/, '');
  if (e.channel?.type) rec.channel = e.channel.type;
  if (type === 'annotate_log_entry' && e.channel?.summary) rec.note = e.channel.summary;
  const service = e.service ?? e.incident?.service;
  if (service?.summary) rec.pagerduty_service = service.summary;
  return rec;
}

/** The service id an entry belongs to, for the `service_ids` filter. */
export function serviceOf(e: LogEntry): string | undefined {
  return e.service?.id ?? e.incident?.service?.id;
}
