/** "Human error" or "operator error" given as a cause: where an analysis should start, not end. */
import { defineRule, noOptions, ruleDocsUrl } from '../define-rule.js';
import { mentionsHumanError } from '../helpers/person-action.js';

const CAUSE_CUE =
  /\b(?:due to|caused by|because|result(?:ed)? (?:of|from|in)|root cause|blamed? on|attributed to|the cause|led to|leading to|reason|trigger(?:ed)?)\b/i;
const CAUSAL_SECTIONS = new Set([
  'root-cause',
  'contributing-factors',
  'five-whys',
  'what-went-wrong',
]);

export default defineRule({
  id: 'no-human-error',
  meta: {
    description: '"Human error" or "operator error" is given as a cause.',
    severity: 'error',
    messages: {
      humanError:
        '"{{text}}" is given as a cause; ask why the mistake was easy to make and hard to catch, and name that',
    },
    docs: ruleDocsUrl('no-human-error'),
    options: noOptions,
  },
  create(context) {
    const allow = context.settings.phrases.allow.map((a) => a.toLowerCase());
    for (const sentence of context.facts.sentences) {
      const m = mentionsHumanError(sentence.text);
      if (!m) continue;
      if (allow.some((a) => sentence.text.toLowerCase().includes(a))) continue;
      if (!CAUSAL_SECTIONS.has(sentence.section) && !CAUSE_CUE.test(sentence.text)) continue;
      context.report({
        messageId: 'humanError',
        data: { text: m[0] },
        span: context.facts.span(sentence, m.index, m.index + m[0].length),
      });
    }
  },
});
