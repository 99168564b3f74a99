/** Open action items past their due date (relative to the config's `now`, default today). */
import { z } from 'zod';
import { defineRule, ruleDocsUrl } from '../define-rule.js';
import { itemLabel, itemSpan, openItems } from '../helpers/action-items.js';

const DAY = 86_400_000;

export default defineRule({
  id: 'action-item-overdue',
  meta: {
    description: 'An open action item is past its due date.',
    severity: 'warning',
    messages: {
      overdue: 'Action item "{{item}}" was due on {{due}} and is not marked done',
    },
    docs: ruleDocsUrl('action-item-overdue'),
    options: z
      .object({
        /** Days after the due date before an item counts as overdue. */
        graceDays: z.number().int().min(0).default(0),
      })
      .strict(),
  },
  create(context) {
    const doc = context.document;
    const limit = context.settings.now - context.options.graceDays * DAY;
    for (const item of openItems(doc)) {
      // The due date names a day: it is past once that whole day is.
      if (item.dueMs === undefined || item.dueMs + DAY > limit) continue;
      context.report({
        messageId: 'overdue',
        data: { item: itemLabel(item), due: new Date(item.dueMs).toISOString().slice(0, 10) },
        span: item.cells.due?.span ?? itemSpan(doc, item, context.facts.lines),
      });
    }
  },
});
