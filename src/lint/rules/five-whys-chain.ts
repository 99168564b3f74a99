/** A five-whys chain shorter than configured (default 3), or one that ends in a person. */
import { z } from 'zod';
import { defineRule, ruleDocsUrl } from '../define-rule.js';
import { isPersonAction } from '../helpers/person-action.js';

/** "Why ...?", "…", "5. Why?" — the template's placeholders, not answers. */
const PLACEHOLDER = /^\s*(?:\d+[.)]\s*)?(?:why\b)?\s*(?:\.{2,}|…)?\s*\??\s*$/i;

export default defineRule({
  id: 'five-whys-chain',
  meta: {
    description: 'The five-whys chain is shorter than the minimum (default 3) or ends in a person.',
    severity: 'warning',
    messages: {
      tooShort:
        'The five whys stop after {{count}} answer(s); keep asking why until at least {{min}}, or until the answer is something the team can change',
      endsWithPerson:
        'The five whys end in a person ("{{text}}"); ask one more why: what made that action possible or likely?',
    },
    docs: ruleDocsUrl('five-whys-chain'),
    options: z.object({ min: z.number().int().min(1).default(3) }).strict(),
  },
  create(context) {
    const doc = context.document;
    const fw = doc.fiveWhys;
    const heading = fw && doc.sections[fw.sections[0] ?? -1]?.headingSpan;
    if (!fw || !heading) return;
    const whys = fw.whys.filter((w) => !PLACEHOLDER.test(w.text) && w.text.trim().length > 2);
    const { min } = context.options;
    if (whys.length < min) {
      context.report({ messageId: 'tooShort', data: { count: whys.length, min }, span: heading });
    }
    const last = whys[whys.length - 1];
    if (last && isPersonAction(last.text, context.facts.people)) {
      const text = last.text.length > 60 ? `${last.text.slice(0, 57)}…` : last.text;
      context.report({ messageId: 'endsWithPerson', data: { text }, span: last.span });
    }
  },
});
