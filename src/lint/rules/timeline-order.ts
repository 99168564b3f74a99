/** Timeline rows out of chronological order (within one table or list). */
import { z } from 'zod';
import { defineRule, ruleDocsUrl } from '../define-rule.js';
import { timelineGroups } from '../helpers/timeline.js';

const HALF_DAY = 12 * 3_600_000;

export default defineRule({
  id: 'timeline-order',
  meta: {
    description: 'Timeline rows are not in chronological order.',
    severity: 'warning',
    messages: {
      outOfOrder: '{{time}} comes after {{previous}} in the timeline but is earlier; oldest first',
    },
    docs: ruleDocsUrl('timeline-order'),
    options: z
      .object({
        /** Minutes a row may go back without a finding (clocks of different sources). */
        toleranceMinutes: z.number().min(0).default(0),
      })
      .strict(),
  },
  create(context) {
    const tolerance = context.options.toleranceMinutes * 60_000;
    for (const group of timelineGroups(context.document)) {
      let prev: (typeof group)[number] | undefined;
      for (const e of group) {
        if (e.ms === undefined || e.placeholder) continue;
        if (prev?.ms !== undefined && e.ms < prev.ms - tolerance) {
          // Rows without their own date that go back more than half a day have crossed midnight.
          const wrapped =
            e.dateFrom === 'context' && prev.dateFrom === 'context' && prev.ms - e.ms > HALF_DAY;
          if (!wrapped) {
            context.report({
              messageId: 'outOfOrder',
              data: { time: e.time.text, previous: prev.time.text },
              span: e.time.span,
            });
            continue;
          }
        }
        prev = e;
      }
    }
  },
});
