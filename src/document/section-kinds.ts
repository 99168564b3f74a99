/** Which section a heading names: case-insensitive, with the synonyms real postmortems use. */
import type { SectionKind } from './types.js';

/**
 * Headings per kind, normalised (see `normaliseHeading`). The first is the name templates write.
 * "Follow-ups" (plural) are action items; "Follow-up" (singular) is the later review.
 */
export const SECTION_SYNONYMS: Readonly<Record<Exclude<SectionKind, 'other'>, readonly string[]>> =
  {
    summary: [
      'summary',
      'overview',
      'executive summary',
      'tl;dr',
      'tldr',
      'incident summary',
      'synopsis',
      'abstract',
      'what happened',
    ],
    impact: [
      'impact',
      'customer impact',
      'user impact',
      'business impact',
      'incident impact',
      'impact assessment',
      'scope and impact',
      'blast radius',
    ],
    timeline: [
      'timeline',
      'chronology',
      'incident timeline',
      'timeline of events',
      'sequence of events',
      'timeline summary',
      'detailed timeline',
    ],
    'root-cause': [
      'root cause',
      'root causes',
      'cause',
      'causes',
      'root cause analysis',
      'rca',
      'identified cause',
      'why did it happen',
      'how did it happen',
      'what caused it',
    ],
    'five-whys': ['five whys', '5 whys', 'the five whys', 'five whys analysis', '5 whys analysis'],
    'contributing-factors': [
      'contributing factors',
      'contributing factor',
      'contributing causes',
      'causal factors',
      'contributors',
      'trigger',
      'triggers',
    ],
    detection: ['detection', 'how it was detected', 'how was it detected', 'how we found out'],
    response: ['response', 'incident response', 'escalation', 'response and escalation'],
    recovery: [
      'recovery',
      'resolution',
      'mitigation',
      'resolution and recovery',
      'recovery and resolution',
      'mitigation and resolution',
      'mitigation and recovery',
    ],
    'what-went-well': [
      'what went well',
      'things that went well',
      'went well',
      'what worked',
      'what worked well',
    ],
    'what-went-wrong': [
      'what went wrong',
      "what didn't go well",
      'what did not go well',
      'what went badly',
      'what went poorly',
      'what could have gone better',
      'what could have been better',
      'what could be improved',
      'things that went wrong',
      'went wrong',
    ],
    'where-we-got-lucky': ['where we got lucky', 'where we were lucky', 'what was lucky', 'lucky'],
    'lessons-learned': [
      'lessons learned',
      'lessons learnt',
      'lessons',
      'learnings',
      'key takeaways',
      'takeaways',
      'insights',
    ],
    'action-items': [
      'action items',
      'actions',
      'action plan',
      'follow up actions',
      'follow ups',
      'followups',
      'follow up items',
      'corrective actions',
      'corrective and preventive actions',
      'preventive actions',
      'remediation',
      'remediations',
      'remediation items',
      'next steps',
      'moving forward',
      'prevention',
      'how are we preventing it from happening again',
    ],
    'follow-up': ['follow up', 'followup', 'follow up review', 'follow up meeting'],
  };

const LOOKUP = new Map<string, SectionKind>();
for (const [kind, names] of Object.entries(SECTION_SYNONYMS)) {
  for (const name of names) LOOKUP.set(normaliseHeading(name), kind as SectionKind);
}

/**
 * Lower case, no parenthesised asides, numbering, emoji or end punctuation; hyphens as spaces;
 * typographic apostrophes as `'`.
 */
export function normaliseHeading(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[-\u2010-\u2015_/]/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/^(?:\d+(?:\.\d+)+\.?|\d+[.)]|[ivx]+[.)])\s+/, '')
    .replace(/[^\p{L}\p{N}';]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const PREFIXES = ['incident ', 'the ', 'our '];

export function sectionKind(heading: string): SectionKind {
  const name = normaliseHeading(heading);
  const direct = LOOKUP.get(name);
  if (direct) return direct;
  for (const p of PREFIXES) {
    if (name.startsWith(p)) {
      const kind = LOOKUP.get(name.slice(p.length));
      if (kind) return kind;
    }
  }
  return 'other';
}
