/**
 * `review schedule`: calendar events for a postmortem's review meeting and its follow-up review
 * (about four weeks after resolution), with the people whose e-mail is known as attendees.
 */
import type { PostmortemDocument } from '../document/types.js';
import { UsageError } from '../errors.js';
import { ownerAccounts, type TrackersConfig } from './config.js';
import { calendar, type CalendarEvent } from './ics.js';
import { postmortemId } from './ticket-draft.js';

const DAY = 86_400_000;

export interface ScheduleOptions {
  /** Follow-up review this long after resolution (ms); 28 days by default. */
  afterMs?: number;
  /** When the file is made (DTSTAMP). */
  now: number;
  config?: TrackersConfig;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** E-mails of authors, reviewers and action-item owners: written as e-mails, or from the owners map. */
function attendees(
  doc: PostmortemDocument,
  config: TrackersConfig | undefined,
): CalendarEvent['attendees'] {
  const fm = doc.frontMatter?.data;
  const people = [
    ...(fm?.authors ?? []),
    ...(fm?.reviewers ?? []),
    ...(doc.actionItems?.items ?? []).flatMap((i) =>
      i.cells.owner ? i.cells.owner.text.split(/[,&]| and /) : [],
    ),
  ]
    .map((p) => p.trim())
    .filter(Boolean);
  const out = new Map<string, { email: string; name?: string }>();
  for (const p of people) {
    const angle = /^(.*?)\s*<([^>]+)>$/.exec(p);
    const email = angle ? angle[2]! : EMAIL.test(p) ? p : config && ownerAccounts(config, p)?.email;
    if (!email || out.has(email.toLowerCase())) continue;
    const name = angle?.[1] || (config && ownerAccounts(config, p)?.name);
    out.set(email.toLowerCase(), name ? { email, name } : { email });
  }
  return [...out.values()];
}

/** Next weekday 15:00 UTC on or after `ms` (a meeting, not a 3 a.m. alarm). */
function workingSlot(ms: number): number {
  let d = Math.floor(ms / DAY) * DAY + 15 * 3_600_000;
  if (d < ms) d += DAY;
  while ([0, 6].includes(new Date(d).getUTCDay())) d += DAY;
  return d;
}

export function reviewEvents(doc: PostmortemDocument, options: ScheduleOptions): CalendarEvent[] {
  const fm = doc.frontMatter?.data;
  const end = fm?.resolved?.ms ?? fm?.mitigated?.ms;
  if (end === undefined)
    throw new UsageError(
      `${doc.source}: expected a resolved (or mitigated) time in the front matter to schedule the reviews from, found none`,
    );
  const id = postmortemId(doc);
  const title = doc.title?.text ?? id;
  const people = attendees(doc, options.config) ?? [];
  const fixed = (v: { ms?: number; dateOnly: boolean } | undefined): number | undefined =>
    v?.ms === undefined ? undefined : v.dateOnly ? workingSlot(v.ms) : v.ms;
  const review = fixed(fm?.review_meeting) ?? workingSlot(end + 3 * DAY);
  const followUp = fixed(fm?.follow_up_review) ?? workingSlot(end + (options.afterMs ?? 28 * DAY));
  const items = (doc.actionItems?.items ?? []).length;
  return [
    {
      uid: `${id}.review@aftermath`,
      start: review,
      durationMinutes: 60,
      summary: `Postmortem review: ${title}`,
      description: `Review of the postmortem "${title}" (${doc.source}): timeline, causes, ${items} action items.`,
      attendees: people,
    },
    {
      uid: `${id}.follow-up@aftermath`,
      start: followUp,
      durationMinutes: 30,
      summary: `Follow-up review: ${title}`,
      description: `Were the ${items} action items of "${title}" done, and did they work? Run: aftermath actions status ${doc.source}`,
      attendees: people,
    },
  ];
}

/** The `.ics` text for a postmortem's reviews. */
export function reviewCalendar(doc: PostmortemDocument, options: ScheduleOptions): string {
  return calendar(reviewEvents(doc, options), options.now);
}
