/** Open action items need a priority: a Priority column or a `priority:` field. */
import { defineRule, noOptions, ruleDocsUrl } from '../define-rule.js';
import { priorityInText, itemLabel, itemSpan, openItems } from '../helpers/action-items.js';

export default defineRule({
  id: 'action-item-priority',
  meta: {
    description: 'An open action item has no priority.',
    severity: 'info',
    messages: {
      missing: 'Action item "{{item}}" has no priority',
    },
    docs: ruleDocsUrl('action-item-priority'),
    options: noOptions,
  },
  create(context) {
    const doc = context.document;
    for (const item of openItems(doc)) {
      if (item.cells.priority?.text.trim() || priorityInText(item)) continue;
      context.report({
        messageId: 'missing',
        data: { item: itemLabel(item) },
        span: itemSpan(doc, item, context.facts.lines),
      });
    }
  },
});
