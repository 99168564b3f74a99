/** Vague action items: "improve monitoring", "investigate", "be more careful". */
import { z } from 'zod';
import { defineRule, ruleDocsUrl } from '../define-rule.js';
import { itemLabel, itemSpan, openItems } from '../helpers/action-items.js';
import { vagueness } from '../helpers/vague.js';

export default defineRule({
  id: 'action-item-vague',
  meta: {
    description: 'An action item with no concrete object or done-criterion.',
    severity: 'warning',
    messages: {
      noObject:
        'Action item "{{item}}" says "{{phrase}}" without saying what, exactly, or when it is done',
      exhortation:
        'Action item "{{item}}" asks people to "{{phrase}}"; name a change to the system or process instead',
    },
    docs: ruleDocsUrl('action-item-vague'),
    options: z
      .object({
        /** At most this many content words after a vague opening make the item vague. */
        maxObjectWords: z.number().int().min(0).default(3),
        /** More vague openings, on top of the built-in ones and the config's `phrases.vague`. */
        openings: z.array(z.string()).default([]),
      })
      .strict(),
  },
  create(context) {
    const { document: doc, options } = context;
    const extra = [...options.openings, ...context.settings.phrases.vague];
    for (const item of openItems(doc)) {
      const v = vagueness(item.text, extra, options.maxObjectWords);
      if (!v) continue;
      context.report({
        messageId: v.reason === 'exhortation' ? 'exhortation' : 'noObject',
        data: { item: itemLabel(item), phrase: v.phrase },
        span: itemSpan(doc, item, context.facts.lines),
      });
    }
  },
});
