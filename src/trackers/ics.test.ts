/** The iCalendar writer: 75-octet folding without splitting characters, CRLF, TEXT escaping, UTC times. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendar, escapeText, fold, icsTime } from './ics.js';

const unfold = (s: string): string => s.replace(/\r\n /g, '');

describe('ics', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeText('a\\b; c, d\ne')).toBe('a\\\\b\\; c\\, d\\ne');
  });

  it('writes UTC times in the basic format', () => {
    expect(icsTime(Date.UTC(2026, 2, 4, 14, 55, 7))).toBe('20260304T145507Z');
  });

  it('folds every line at 75 octets and unfolds to the original, multi-byte characters whole', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const line = `DESCRIPTION:${s.replace(/[\r\n]/g, '')}`;
        const folded = fold(line);
        for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
        expect(unfold(folded)).toBe(line);
      }),
    );
    const emoji = fold(`SUMMARY:${'é'.repeat(60)}`);
    expect(emoji.split('\r\n')[0]).toBe(`SUMMARY:${'é'.repeat(33)}`);
  });

  it('ends every line with CRLF and holds one VEVENT per event', () => {
    const text = calendar(
      [
        {
          uid: 'a@x',
          start: Date.UTC(2026, 2, 10, 15),
          durationMinutes: 60,
          summary: 'Review, part 1; go',
          attendees: [{ email: 'jane@acme.example', name: 'Doe, Jane' }],
        },
        { uid: 'b@x', start: Date.UTC(2026, 3, 1, 15), durationMinutes: 30, summary: 'Follow-up' },
      ],
      Date.UTC(2026, 2, 5),
    );
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    const lines = unfold(text).split('\r\n');
    expect(lines).toContain('SUMMARY:Review\\, part 1\\; go');
    expect(lines).toContain('DTSTART:20260310T150000Z');
    expect(lines).toContain('DTEND:20260310T160000Z');
    expect(lines).toContain(
      'ATTENDEE;CN="Doe, Jane";ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:jane@acme.example',
    );
  });
});
