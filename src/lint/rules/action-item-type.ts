/** Open action items need a type (prevent, detect, mitigate, process): a Type column or a `type:` field. */
import { defineRule, noOptions, ruleDocsUrl } from '../define-rule.js';
import { typeInText, itemLabel, itemSpan, openItems } from '../helpers/action-items.js';

export default defineRule({
  id: 'action-item-type',
  meta: {
    description: 'An open action item has no type (prevent, detect, mitigate or process).',
    severity: 'info',
    messages: {
      missing: 'Action item "{{item}}" has no type (prevent, detect, mitigate or process)',
    },
    docs: ruleDocsUrl('action-item-type'),
    options: noOptions,
  },
  create(context) {
    const doc = context.document;
    for (const item of openItems(doc)) {
      if (item.type !== undefined || item.cells.type?.text.trim() || typeInText(item)) continue;
      context.report({
        messageId: 'missing',
        data: { item: itemLabel(item) },
        span: itemSpan(doc, item, context.facts.lines),
      });
    }
  },
});
