/** A person named as the cause: "the engineer broke the build", "due to Bob's mistake", "@alice forgot". */
import { defineRule, noOptions, ruleDocsUrl } from '../define-rule.js';

export default defineRule({
  id: 'no-person-as-cause',
  meta: {
    description: 'A person is named as the cause of the incident.',
    severity: 'error',
    messages: {
      personAsCause:
        '"{{text}}" names a person as the cause; describe the condition or mechanism that let it happen',
    },
    docs: ruleDocsUrl('no-person-as-cause'),
    options: noOptions,
  },
  create(context) {
    for (const { sentence, hits } of context.facts.blame) {
      for (const h of hits) {
        if (h.kind !== 'cause') continue;
        context.report({
          messageId: 'personAsCause',
          data: { text: sentence.text.slice(h.start, h.end), phrase: h.phrase },
          span: context.facts.span(sentence, h.start, h.end),
        });
      }
    }
  },
});
