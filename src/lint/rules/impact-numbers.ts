/** An impact section without numbers: who and how much was affected, for how long. */
import { defineRule, noOptions, ruleDocsUrl } from '../define-rule.js';
import { isEmpty } from '../helpers/sections.js';

export default defineRule({
  id: 'impact-numbers',
  meta: {
    description: 'The impact section has no numbers.',
    severity: 'warning',
    messages: {
      noNumbers:
        'The impact section has no numbers; quantify it (users or requests affected, error ratio, duration, revenue)',
    },
    docs: ruleDocsUrl('impact-numbers'),
    options: noOptions,
  },
  create(context) {
    const doc = context.document;
    const impact = doc.impact;
    if (!impact || impact.numbers.length > 0) return;
    const sections = impact.sections.map((i) => doc.sections[i]!).filter(Boolean);
    // An empty section is required-sections' finding.
    if (sections.every(isEmpty) || !sections[0]) return;
    context.report({ messageId: 'noNumbers', span: sections[0].headingSpan });
  },
});
