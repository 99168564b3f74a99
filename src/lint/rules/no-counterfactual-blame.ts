/** Counterfactuals with a person as subject: "he should have checked", "the on-call failed to notice". */
import { defineRule, noOptions, ruleDocsUrl } from '../define-rule.js';

export default defineRule({
  id: 'no-counterfactual-blame',
  meta: {
    description:
      'A person is the subject of a counterfactual ("should have", "failed to", "forgot to").',
    severity: 'warning',
    messages: {
      counterfactual:
        '"{{text}}" judges a person by what they did not do; say what they knew and saw at the time, and what would have helped',
    },
    docs: ruleDocsUrl('no-counterfactual-blame'),
    options: noOptions,
  },
  create(context) {
    for (const { sentence, hits } of context.facts.blame) {
      for (const h of hits) {
        if (h.kind !== 'counterfactual') continue;
        context.report({
          messageId: 'counterfactual',
          data: { text: sentence.text.slice(h.start, h.end), phrase: h.phrase },
          span: context.facts.span(sentence, h.start, h.end),
        });
      }
    }
  },
});
