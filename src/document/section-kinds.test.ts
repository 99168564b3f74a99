import { describe, expect, it } from 'vitest';
import { normaliseHeading, SECTION_SYNONYMS, sectionKind } from './section-kinds.js';

describe('section kinds', () => {
  it('gives every synonym one kind', () => {
    const seen = new Map<string, string>();
    for (const [kind, names] of Object.entries(SECTION_SYNONYMS)) {
      for (const name of names) {
        const key = normaliseHeading(name);
        expect(seen.get(key) ?? kind, name).toBe(kind);
        seen.set(key, kind);
        expect(sectionKind(name)).toBe(kind);
      }
    }
  });

  it.each([
    ['Root Cause Analysis', 'root-cause'],
    ['Contributing Factors (findings)', 'contributing-factors'],
    ['2. Timeline', 'timeline'],
    ['1.2 Impact:', 'impact'],
    ['5 Whys', 'five-whys'],
    ['What went well?', 'what-went-well'],
    ['What Didn’t Go Well', 'what-went-wrong'],
    ['Follow-ups', 'action-items'],
    ['Follow-up', 'follow-up'],
    ['Incident Summary', 'summary'],
    ['🚨 Impact', 'impact'],
    ['Identified cause (to be done pre-meeting)', 'root-cause'],
    ['Attendees', 'other'],
    ['Zusammenfassung', 'other'],
  ])('%s → %s', (heading, kind) => {
    expect(sectionKind(heading)).toBe(kind);
  });
});
