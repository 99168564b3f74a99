/** Open action items need a due date: a Due column or a `due:` field. */
import { defineRule, noOptions, ruleDocsUrl } from '../define-rule.js';
import { dueInText, itemLabel, itemSpan, openItems } from '../helpers/action-items.js';

export default defineRule({
  id: 'action-item-due',
  meta: {
    description: 'An open action item has no due date.',
    severity: 'warning',
    messages: {
      missing: 'Action item "{{item}}" has no due date',
    },
    docs: ruleDocsUrl('action-item-due'),
    options: noOptions,
  },
  create(context) {
    const doc = context.document;
    for (const item of openItems(doc)) {
      if (item.cells.due?.text.trim() || dueInText(item)) continue;
      context.report({
        messageId: 'missing',
        data: { item: itemLabel(item) },
        span: itemSpan(doc, item, context.facts.lines),
      });
    }
  },
});
