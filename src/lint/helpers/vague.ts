/**
 * Vague action items: an opening such as "improve", "investigate" or "look into" with no concrete
 * object or done-criterion after it, or an exhortation such as "be more careful".
 */

export const VAGUE_OPENINGS = [
  'improve',
  'investigate',
  'look into',
  'looking into',
  'review',
  'consider',
  'explore',
  'think about',
  'discuss',
  'evaluate',
  'revisit',
  'follow up on',
  'follow up',
  'check',
  'monitor',
  'work on',
  'address',
  'enhance',
  'better',
  'more',
  'increase',
  'ensure',
  'make sure',
  'reflect on',
  'reflect',
  'assess',
  'figure out',
  'reduce',
  'bring down',
  'streamline',
  'optimise',
  'optimize',
  'strengthen',
  'harden',
];

const EXHORTATIONS =
  /\b(?:be (?:more )?(?:careful|vigilant|thorough|diligent|attentive|cautious)|pay (?:more )?attention|take (?:more )?care|try harder|communicate better|remember to|double[- ]check everything|monitor (?:it )?better|test (?:it )?better|more carefully)\b/i;

/** Lead-ins that say nothing about the action: "We should", "Need to", "TODO:". */
const LEAD_IN =
  /^(?:(?:todo|action|ai|next step)\s*[:\-–]\s*)?(?:(?:we|team|you)\s+(?:should|need to|must|will|could|have to)\s+|(?:need|needs|try|plan) to\s+|(?:let's|lets)\s+)?/i;

const STOPWORDS = new Set(
  (
    'a an the our this that these those it its of for on in to and or with into at by from about ' +
    'how why what whether if we can could should any all some more better further possible ways way ' +
    'options option things stuff issue issues problem problems general overall current existing ' +
    'related around regarding etc again also further properly can be is are there become would ' +
    'need needs make more less even so they them us much'
  ).split(' '),
);

/** Something a reader can check: a name with digits or punctuation, an acronym, a number, a criterion. */
const SPECIFIC =
  /\d|`|https?:|[\p{L}\p{N}][-_./:][\p{L}\p{N}]|\p{Ll}\p{Lu}|(?<![\p{L}])\p{Lu}{2,}(?![\p{Ll}])|(?:^|\s)\p{Lu}\p{Ll}+|\b(?:so that|until|when(?:ever)?|within|below|above|at least|at most|per|every|before|after|instead of|by (?:adding|using|moving|setting|removing))\b/u;

export interface Vagueness {
  reason: 'exhortation' | 'no-object';
  /** The opening or exhortation found. */
  phrase: string;
}

/** Whether an action's text is vague; `extra` adds openings (from the config). */
export function vagueness(
  text: string,
  extra: readonly string[] = [],
  maxObjectWords = 3,
): Vagueness | undefined {
  const t = text
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-*•\d.)\]]+/, '')
    .trim();
  const ex = EXHORTATIONS.exec(t);
  if (ex) return { reason: 'exhortation', phrase: ex[0] };
  const body = t.replace(LEAD_IN, '');
  const lower = body.toLowerCase();
  const openings = [...extra.map((e) => e.toLowerCase()), ...VAGUE_OPENINGS].sort(
    (a, b) => b.length - a.length,
  );
  const opening = openings.find(
    (o) => lower.startsWith(o) && !/[\p{L}\p{N}]/u.test(lower.charAt(o.length)),
  );
  if (!opening) return undefined;
  // The object: the rest of the first sentence (details after a colon or dash count as an object).
  const rest = body.slice(opening.length).split(/(?<=[.!?])\s/)[0] ?? '';
  if (SPECIFIC.test(rest)) return undefined;
  const content = (rest.toLowerCase().match(/\p{L}[\p{L}'-]*/gu) ?? []).filter(
    (w) => !STOPWORDS.has(w),
  );
  if (content.length > maxObjectWords) return undefined;
  return { reason: 'no-object', phrase: body.slice(0, opening.length) };
}
