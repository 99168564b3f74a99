/** Words that judge people: careless, negligent, sloppy, incompetent, … (plus the config's list). */
import { defineRule, noOptions, ruleDocsUrl } from '../define-rule.js';

/** Stems with the endings they take; matched as whole words. */
const BUILT_IN = [
  'careless(?:ly|ness)?',
  'negligen(?:t|tly|ce)',
  'slopp(?:y|ily|iness)',
  'incompeten(?:t|ce|cy)',
  'stupid(?:ity|ly)?',
  'idiot(?:s|ic|ically)?',
  'reckless(?:ly|ness)?',
  'foolish(?:ly|ness)?',
  'clueless',
  'irresponsib(?:le|ly|ility)',
  'inexcusabl[ey]',
  'unprofessional(?:ly)?',
  'inattentive(?:ness)?',
  'thoughtless(?:ly|ness)?',
  'blunder(?:s|ed)?',
  'lazy|laziness',
  'dumb',
  'should have known better',
  'lack of (?:care|diligence|attention)',
];

/** "lazy loading" and friends are engineering terms, not judgements. */
const TECHNICAL_AFTER =
  /^[\s-]*(?:load|loading|loaded|loader|init|initiali[sz](?:ation|ed)|evaluat\w*|import\w*|iterat\w*|instantiat\w*|pipes?|terminals?)\b/i;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export default defineRule({
  id: 'no-judgemental-words',
  meta: {
    description: 'A word that judges people (careless, negligent, sloppy, incompetent, …).',
    severity: 'warning',
    messages: {
      judgemental:
        '"{{word}}" judges the people involved; describe what happened and what made it likely instead',
    },
    docs: ruleDocsUrl('no-judgemental-words'),
    options: noOptions,
  },
  create(context) {
    const custom = context.settings.phrases.judgemental.map(escape);
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}_-])(?:${[...BUILT_IN, ...custom].join('|')})(?![\\p{L}\\p{N}_])`,
      'giu',
    );
    const allow = context.settings.phrases.allow.map((a) => a.toLowerCase());
    for (const sentence of context.facts.sentences) {
      if (allow.some((a) => sentence.text.toLowerCase().includes(a))) continue;
      for (const m of sentence.text.matchAll(re)) {
        const end = m.index + m[0].length;
        if (TECHNICAL_AFTER.test(sentence.text.slice(end, end + 20))) continue;
        context.report({
          messageId: 'judgemental',
          data: { word: m[0] },
          span: context.facts.span(sentence, m.index, end),
        });
      }
    }
  },
});
