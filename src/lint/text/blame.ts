/**
 * Blame in a sentence: a person as the cause ("the engineer broke", "due to Bob's mistake") and
 * counterfactuals with a person as subject ("he should have checked", "@alice failed to").
 * Precision over recall: without a person, "failed to" and "should have" are about systems and plans.
 */
import type { People } from './people.js';
import { isPastParticiple, spells, words, type Word } from './words.js';

export interface BlameHit {
  kind: 'cause' | 'counterfactual';
  /** The phrase that triggered it, lower case ("failed to", "'s mistake"). */
  phrase: string;
  /** Character range in the sentence, person included. */
  start: number;
  end: number;
}

/** Words that may sit between the person and the verb: "he then forgot", "the engineer had failed to". */
const BETWEEN = new Set(
  (
    'then also just simply clearly obviously apparently unfortunately still already initially ' +
    'originally later subsequently immediately probably likely again had has may might must ' +
    'himself herself accidentally mistakenly inadvertently carelessly unknowingly wrongly erroneously ' +
    'unintentionally'
  ).split(' '),
);

/** Verbs after "did not"/"didn't"/"never" that make a lapse. */
const LAPSE_VERBS = new Set(
  (
    'notice noticed check checked verify verified test tested catch caught realise realize realised ' +
    'realized see read review reviewed follow followed confirm confirmed consider considered think ' +
    'look escalate escalated monitor double-check ask page communicate'
  ).split(' '),
);

/** Counterfactual openings; `PP` means a past participle follows. */
const COUNTERFACTUALS: readonly (readonly string[])[] = [
  ['should', 'have', 'PP'],
  ['could', 'have', 'PP'],
  ["should've", 'PP'],
  ["could've", 'PP'],
  ['should', 'not', 'have', 'PP'],
  ["shouldn't", 'have', 'PP'],
  ['ought', 'to', 'have', 'PP'],
  ['failed', 'to'],
  ['forgot', 'to'],
  ['forgotten', 'to'],
  ['neglected', 'to'],
  ['omitted', 'to'],
  ["didn't", 'LAPSE'],
  ['did', 'not', 'LAPSE'],
  ['never', 'LAPSE'],
  ['missed'],
  ['overlooked'],
  ['ignored'],
];

/** A person doing these is named as the cause. */
const CAUSES: readonly (readonly string[])[] = [
  ['caused'],
  ['broke'],
  ['took', 'down'],
  ['brought', 'down'],
  ['crashed'],
  ['messed', 'up'],
  ['screwed', 'up'],
  ['botched'],
  ['misconfigured'],
  ['forgot'],
  ['made', 'a', 'mistake'],
  ['made', 'an', 'error'],
  ['made', 'the', 'mistake'],
  ['is', 'to', 'blame'],
  ['was', 'to', 'blame'],
  ['was', 'at', 'fault'],
  ['is', 'at', 'fault'],
  ['accidentally'],
  ['mistakenly'],
  ['inadvertently'],
  ['carelessly'],
  ['unintentionally'],
];

/** After "could have"/"should have", verbs of benefit: "an incident manager could have helped". */
const BENEFITS = new Set(
  'helped prevented avoided mitigated reduced saved shortened improved limited sped eased'.split(
    ' ',
  ),
);

/** Verbs personal enough that a capitalised word before them is taken as a name. */
const STRONGLY_PERSONAL = new Set([
  'forgot',
  'forgot to',
  'forgotten to',
  'neglected to',
  'overlooked',
  'made a mistake',
  "didn't notice",
  'did not notice',
  "didn't realise",
  "didn't realize",
]);

/** Causal openings followed by a person: "due to him", "caused by the on-call engineer". */
const CAUSED_BY: readonly (readonly string[])[] = [
  ['due', 'to'],
  ['because', 'of'],
  ['caused', 'by'],
  ['blamed', 'on'],
  ['blame', 'on'],
  ['fault', 'of'],
  ['triggered', 'by'],
  ['result', 'of'],
  ['thanks', 'to'],
];

/** Nouns that make a person's possessive a blame: "Bob's mistake". */
const MISTAKES = new Set(
  'mistake mistakes error errors fault oversight negligence carelessness blunder slip slip-up lapse typo'.split(
    ' ',
  ),
);

/** "his error handling": the noun is part of a technical term. */
const TECH_AFTER_ERROR = new Set(
  'handling handler handlers message messages rate rates budget code codes log logs page pages path paths'.split(
    ' ',
  ),
);

/** Matches a pattern at word i; returns the index after the match or -1. */
function matchAt(ws: readonly Word[], i: number, pattern: readonly string[]): number {
  let k = i;
  for (const p of pattern) {
    const w = ws[k];
    if (!w) return -1;
    if (
      p === 'PP' ? !isPastParticiple(w) : p === 'LAPSE' ? !LAPSE_VERBS.has(w.lower) : w.lower !== p
    )
      return -1;
    k++;
  }
  return k;
}

/** The subject before word i, skipping adverbs and auxiliaries; its first word index or -1. */
function subjectBefore(ws: readonly Word[], i: number, people: People, weak: boolean): number {
  let k = i - 1;
  for (let skipped = 0; k >= 0 && skipped < 3 && BETWEEN.has(ws[k]!.lower); skipped++) k--;
  if (k < 0) return -1;
  return people.subjectEndingAt(ws, k, weak);
}

export function findBlame(sentence: string, people: People): BlameHit[] {
  const ws = words(sentence);
  const hits: BlameHit[] = [];
  const hit = (kind: BlameHit['kind'], phrase: string, first: number, last: number): void => {
    const a = ws[first]!;
    const b = ws[last]!;
    if (hits.some((h) => h.start <= a.start && b.end <= h.end)) return;
    hits.push({ kind, phrase, start: a.start, end: b.end });
  };
  for (let i = 0; i < ws.length; i++) {
    for (const [kind, patterns] of [
      ['counterfactual', COUNTERFACTUALS],
      ['cause', CAUSES],
    ] as const) {
      for (const p of patterns) {
        const after = matchAt(ws, i, p);
        if (after < 0) continue;
        // "forgot" alone, not "forgot to" (that is the counterfactual).
        if (p.length === 1 && p[0] === 'forgot' && ws[after]?.lower === 'to') continue;
        // "could have helped": what something would have done, not what someone failed to do.
        if (p[p.length - 1] === 'PP' && BENEFITS.has(ws[after - 1]!.lower)) continue;
        const phrase = ws
          .slice(i, after)
          .map((w) => w.lower)
          .join(' ');
        const strong = STRONGLY_PERSONAL.has(phrase) || STRONGLY_PERSONAL.has(p.join(' '));
        const s = subjectBefore(ws, i, people, strong);
        // An adverb such as "accidentally" names the cause only with the verb after it.
        const end =
          p.length === 1 && /ly$/.test(p[0]!) ? Math.min(after, ws.length - 1) : after - 1;
        if (s >= 0) hit(kind, p.filter((x) => x !== 'PP' && x !== 'LAPSE').join(' '), s, end);
      }
    }
    for (const p of CAUSED_BY) {
      if (!spells(ws, i, p)) continue;
      const person = people.startingAt(ws, i + p.length);
      if (!person) continue;
      const next = ws[person.end + 1];
      if (person.possessive) {
        if (next && MISTAKES.has(next.lower))
          hit('cause', `${p.join(' ')} …'s ${next.lower}`, i, person.end + 1);
      } else hit('cause', p.join(' '), i, person.end);
    }
    // "Bob's mistake", "the engineer's error", "his oversight".
    const w = ws[i]!;
    const next = ws[i + 1];
    if (!next || !MISTAKES.has(next.lower) || TECH_AFTER_ERROR.has(ws[i + 2]?.lower ?? ''))
      continue;
    if (w.lower === 'his' || w.lower === 'her') {
      hit('cause', `${w.lower} ${next.lower}`, i, i + 1);
    } else if (w.possessive) {
      // A capitalised word is taken as a name only before a word that only people make.
      const s = people.endingAt(ws, i, !/^(error|errors|fault|typo)$/.test(next.lower));
      if (s >= 0) hit('cause', `'s ${next.lower}`, s, i + 1);
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

export { spells };
