/** Typed action items with none of type prevent or detect: the list only cleans up after this incident. */
import { defineRule, noOptions, ruleDocsUrl } from '../define-rule.js';
import { hasText } from '../helpers/action-items.js';

export default defineRule({
  id: 'action-items-prevent-detect',
  meta: {
    description: 'No action item is of type prevent or detect.',
    severity: 'warning',
    messages: {
      none: 'No action item is of type prevent or detect; add one that stops this happening again or catches it sooner',
    },
    docs: ruleDocsUrl('action-items-prevent-detect'),
    options: noOptions,
  },
  create(context) {
    const doc = context.document;
    const items = (doc.actionItems?.items ?? []).filter(hasText);
    // Without any types written there is nothing to judge (action-item-type reports that).
    if (!items.some((i) => i.type !== undefined)) return;
    if (items.some((i) => i.type === 'prevent' || i.type === 'detect')) return;
    const section = doc.sections[doc.actionItems!.sections[0]!];
    if (!section) return;
    context.report({ messageId: 'none', span: section.headingSpan });
  },
});
