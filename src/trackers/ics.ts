/**
 * A minimal RFC 5545 writer: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
 * character), TEXT values escaped, times in UTC.
 */

export interface CalendarEvent {
  uid: string;
  start: number;
  durationMinutes: number;
  summary: string;
  description?: string;
  attendees?: { email: string; name?: string }[];
}

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, line breaks. */
export const escapeText = (s: string): string =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** A parameter value, quoted when it holds `:;,` (RFC 5545 §3.2); quotes themselves are dropped. */
const paramValue = (s: string): string => {
  const v = s.replace(/"/g, '');
  return /[:;,]/.test(v) ? `"${v}"` : v;
};

export const icsTime = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Folds one content line: at most 75 octets a line, continuation lines start with a space. */
export function fold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (size + n > limit) {
      out.push(cur);
      cur = ' ';
      size = 1;
      limit = 75;
    }
    cur += ch;
    size += n;
  }
  out.push(cur);
  return out.join('\r\n');
}

export function calendar(events: readonly CalendarEvent[], stamp: number): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//aftermath//postmortem review//EN',
    'CALSCALE:GREGORIAN',
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${icsTime(stamp)}`,
      `DTSTART:${icsTime(e.start)}`,
      `DTEND:${icsTime(e.start + e.durationMinutes * 60_000)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    for (const a of e.attendees ?? [])
      lines.push(
        `ATTENDEE;${a.name ? `CN=${paramValue(a.name)};` : ''}ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:${a.email}`,
      );
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
