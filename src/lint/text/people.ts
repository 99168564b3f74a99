/**
 * Who counts as a person in a sentence, conservatively: names the document or config gives,
 * @handles, he/she, and roles such as "the engineer" or "the on-call". "We", "they" and teams are
 * not people here: a sentence about what the team did is a process statement.
 */
import type { Word } from './words.js';

/** Nouns for a person in a role; only with a determiner ("the", "an", "our") in front. */
const ROLES = new Set([
  'engineer',
  'developer',
  'dev',
  'operator',
  'sre',
  'admin',
  'administrator',
  'sysadmin',
  'dba',
  'intern',
  'employee',
  'contractor',
  'responder',
  'on-call',
  'oncall',
  'on-caller',
  'oncaller',
  'reviewer',
  'deployer',
  'person',
  'individual',
  'teammate',
  'colleague',
  'coworker',
  'co-worker',
  'programmer',
  'commander',
  'lead',
  'manager',
]);

/** Words that may stand between the determiner and the role and keep it a person ("the on-call engineer"). */
const HUMAN_MODIFIERS = new Set([
  'on-call',
  'oncall',
  'responding',
  'new',
  'junior',
  'senior',
  'same',
  'other',
  'human',
  'release',
  'incident',
  'first',
  'second',
  'primary',
  'secondary',
  'overnight',
  'night',
  'support',
  'platform',
  'backend',
  'frontend',
  'infrastructure',
  'database',
  'devops',
  'team',
  'tech',
  'engineering',
  'duty',
  'lead',
  'staff',
  'principal',
]);

/**
 * Roles that are also software words ("the operator failed to reconcile" is a Kubernetes operator):
 * a person only with a human modifier, as in "the on-call operator" or "the incident lead".
 */
const AMBIGUOUS_ROLES = new Set(['operator', 'lead', 'manager', 'dev']);

const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'one',
  'our',
  'their',
  'that',
  'this',
  'another',
  'some',
]);
const LONE_PEOPLE = new Set(['someone', 'somebody']);
const SUBJECT_PRONOUNS = new Set(['he', 'she']);
const OBJECT_PRONOUNS = new Set(['him', 'her', 'his']);

/** Words before a phrase that make it the object of something else, not the subject. */
const OBJECT_CUES = new Set([
  'to',
  'for',
  'with',
  'by',
  'of',
  'from',
  'than',
  'about',
  'paged',
  'notified',
  'alerted',
  'woke',
  'told',
  'asked',
  'called',
  'pinged',
  'messaged',
  'helped',
  'let',
  'made',
]);

/** Capitalised words that are not names. */
const NOT_NAMES = new Set(
  (
    'it this that these those there then they we you i he she the a an our their his her its ' +
    'nobody everyone everybody someone somebody anyone anybody no one each every all both some ' +
    'unfortunately however also but and or so yet later then finally initially eventually after ' +
    'before when while once because since although though if instead meanwhile still even ' +
    'kubernetes terraform helm flux aws azure gcp github gitlab grafana prometheus'
  ) // frequent actors that are systems
    .split(' '),
);

export interface PersonSpan {
  /** Word indices, inclusive. */
  start: number;
  end: number;
  possessive: boolean;
}

export class People {
  /** Known names as word sequences (as written and capitalised), longest first. */
  private readonly names: string[][];
  constructor(names: readonly string[]) {
    const seqs = new Map<string, string[]>();
    for (const raw of names) {
      const n = raw.replace(/[<([].*$/, '').trim();
      if (n === '' || /^@/.test(n)) continue;
      const parts = n.split(/\s+/).filter(Boolean);
      const variants = [parts, [parts[0]!]];
      for (const v of variants) {
        if (v.length === 1 && v[0]!.length < 3) continue;
        for (const form of [v, v.map(cap)]) seqs.set(form.join(' '), form);
      }
    }
    this.names = [...seqs.values()].sort((a, b) => b.length - a.length);
  }

  /** A known name whose last word is `ws[k]` (possessive allowed); returns its first index. */
  private nameEndingAt(ws: readonly Word[], k: number): number {
    for (const seq of this.names) {
      const s = k - seq.length + 1;
      if (s < 0) continue;
      if (seq.every((p, j) => stripPossessive(ws[s + j]!.text) === p)) return s;
    }
    return -1;
  }

  /**
   * A person phrase ending at word `k` ("the on-call engineer", "@alice", "he", "Alice").
   * `weakNames`: also a capitalised word that looks like a name (for strongly personal verbs).
   */
  endingAt(ws: readonly Word[], k: number, weakNames = false): number {
    const w = ws[k];
    if (!w) return -1;
    if (w.text.startsWith('@') && w.text.length > 1) return k;
    if (SUBJECT_PRONOUNS.has(w.base) && !w.possessive) return k;
    if (LONE_PEOPLE.has(w.base)) return k;
    if (ROLES.has(w.base)) {
      let m = k - 1;
      let modifiers = 0;
      while (m >= 0 && HUMAN_MODIFIERS.has(ws[m]!.lower) && modifiers < 2) {
        m--;
        modifiers++;
      }
      // "on call engineer" written as three words.
      if (m >= 1 && ws[m]!.lower === 'call' && ws[m - 1]!.lower === 'on') m -= 2;
      if (AMBIGUOUS_ROLES.has(w.base) && modifiers === 0) return -1;
      if (m >= 0 && DETERMINERS.has(ws[m]!.lower)) return m;
      // "Engineer forgot to …" at the start of a sentence.
      if (m < 0 && k === 0) return 0;
      return -1;
    }
    const named = this.nameEndingAt(ws, k);
    if (named >= 0) return named;
    if (weakNames && looksLikeName(w, k)) {
      const prev = ws[k - 1];
      return prev && looksLikeName(prev, k - 1) && !prev.possessive ? k - 1 : k;
    }
    return -1;
  }

  /** A person phrase that is the subject of the word after `k`: not the object of a preposition or verb. */
  subjectEndingAt(ws: readonly Word[], k: number, weakNames = false): number {
    const s = this.endingAt(ws, k, weakNames);
    if (s < 0) return -1;
    const before = ws[s - 1];
    // "Appointing an incident manager could have helped": the object of a gerund.
    if (before && (OBJECT_CUES.has(before.lower) || /^[a-z]{3,}ing$/.test(before.lower))) return -1;
    return s;
  }

  /** A person phrase starting at word `i` ("him", "the engineer", "Alice's"); the span or undefined. */
  startingAt(ws: readonly Word[], i: number, weakNames = false): PersonSpan | undefined {
    const w = ws[i];
    if (!w) return undefined;
    if (OBJECT_PRONOUNS.has(w.lower) || SUBJECT_PRONOUNS.has(w.lower))
      return { start: i, end: i, possessive: w.lower === 'his' || w.lower === 'her' };
    // Try every end up to four words on: the phrase that ends last wins.
    for (let k = Math.min(ws.length - 1, i + 3); k >= i; k--) {
      if (this.endingAt(ws, k, weakNames) === i)
        return { start: i, end: k, possessive: ws[k]!.possessive };
    }
    return undefined;
  }
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const stripPossessive = (s: string): string => s.replace(/['\u2019]s$/, '');

/** A capitalised, letters-only word that is not a function word or a known system. */
function looksLikeName(w: Word, _index: number): boolean {
  const t = stripPossessive(w.text);
  return /^\p{Lu}\p{Ll}{1,19}$/u.test(t) && !NOT_NAMES.has(t.toLowerCase());
}
