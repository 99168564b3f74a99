/**
 * What people did, from paging and chat evidence (`kind: page`, `kind: chat` events, as the
 * PagerDuty and Slack connectors write them): pages and acknowledgements as moments, and the chat
 * messages of the incident period as candidate timeline rows the draft can cite.
 */
import type { LogEvent } from '../../core/event.js';
import { oneLine } from '../evidence.js';
import { evidenceOf, type Moment, type StreamDetector } from './moment.js';

/** Chat messages held until the incident period is known (the rest are counted, not kept). */
const CHAT_HELD = 2000;
/** Chat moments kept in the analysis: the channel is context for the timeline, not the timeline. */
export const CHAT_MOMENTS = 12;
/** Before the onset and after the recovery, chat still tells what people saw and did. */
const CHAT_MARGIN_MS = 15 * 60_000;

// Words that mark a message as something a reviewer wants on the timeline: an action or a finding.
const NOTABLE =
  /\b(deploy(?:ed|ing)?|roll(?:ed|ing)?[ -]?back|revert(?:ed|ing)?|restart(?:ed|ing)?|mitigat\w*|fix(?:ed)?|root cause|resolved|recover(?:ed|ing)?|paged|ack(?:ed|nowledged)?|investigat\w*|looking into|outage|degraded|failover|scal(?:ed|ing) (?:up|down|out)|disabled?|enabled?|flag)\b/i;

const PAGE_VERBS: Record<string, string> = {
  trigger_log_entry: 'triggered',
  acknowledge_log_entry: 'acknowledged',
  escalate_log_entry: 'escalated',
  resolve_log_entry: 'resolved',
};

export class PeopleDetector implements StreamDetector {
  private readonly out: Moment[] = [];
  private chats = 0;

  add(e: LogEvent): void {
    const kind = e.attrs.kind;
    if (kind === 'page') {
      const type = String(e.attrs.pagerduty_type ?? '');
      // Notifications and assignments repeat what the trigger said; pages that matter are kept.
      if (!(type in PAGE_VERBS)) return;
      const data: Record<string, string> = { type: PAGE_VERBS[type]! };
      if (typeof e.attrs.incident === 'string') data.incident = e.attrs.incident;
      if (typeof e.attrs.agent === 'string') data.agent = e.attrs.agent;
      this.out.push({
        kind: 'page',
        ts: e.ts,
        source: e.source,
        confidence: 1,
        title: oneLine(e.message, 140),
        evidence: evidenceOf(e),
        data,
      });
    } else if (kind === 'chat') {
      if (++this.chats > CHAT_HELD) return;
      const data: Record<string, string> = {};
      for (const key of ['author', 'channel', 'permalink'] as const)
        if (typeof e.attrs[key] === 'string') data[key] = e.attrs[key];
      this.out.push({
        kind: 'chat',
        ts: e.ts,
        source: e.source,
        confidence: NOTABLE.test(e.message) ? 0.6 : 0.3,
        title: oneLine(e.message, 140),
        evidence: evidenceOf(e),
        data,
      });
    }
  }

  finish(): Moment[] {
    return this.out;
  }
}

/**
 * Keeps the chat moments of the incident period (with a margin), at most {@link CHAT_MOMENTS}:
 * the notable ones first, then the earliest; every other moment passes through.
 */
export function pickChat(moments: Moment[], period: { from: number; to: number } | null): Moment[] {
  const chat = moments.filter((m) => m.kind === 'chat');
  if (chat.length === 0) return moments;
  const inside = period
    ? chat.filter((m) => m.ts >= period.from - CHAT_MARGIN_MS && m.ts < period.to + CHAT_MARGIN_MS)
    : chat;
  const keep = new Set(
    [...inside].sort((a, b) => b.confidence - a.confidence || a.ts - b.ts).slice(0, CHAT_MOMENTS),
  );
  return moments.filter((m) => m.kind !== 'chat' || keep.has(m));
}
