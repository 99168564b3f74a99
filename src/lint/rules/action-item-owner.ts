/** Open action items need an owner: an Owner column, an `owner:` field or an @mention. */
import { defineRule, noOptions, ruleDocsUrl } from '../define-rule.js';
import { itemLabel, itemSpan, openItems, ownerInText } from '../helpers/action-items.js';

export default defineRule({
  id: 'action-item-owner',
  meta: {
    description: 'An open action item has no owner.',
    severity: 'warning',
    messages: {
      missing:
        'Action item "{{item}}" has no owner; name one person or team who will see it through',
    },
    docs: ruleDocsUrl('action-item-owner'),
    options: noOptions,
  },
  create(context) {
    const doc = context.document;
    for (const item of openItems(doc)) {
      if (item.cells.owner?.text.trim() || ownerInText(item.text)) continue;
      context.report({
        messageId: 'missing',
        data: { item: itemLabel(item) },
        span: itemSpan(doc, item, context.facts.lines),
      });
    }
  },
});
