/** Timeline times without a stated zone, or in a zone other than UTC. */
import { z } from 'zod';
import { defineRule, ruleDocsUrl } from '../define-rule.js';
import { hasClockTime, isUtc, timelineGroups } from '../helpers/timeline.js';

export default defineRule({
  id: 'timeline-zone',
  meta: {
    description: 'Timeline times have no stated zone, or are not in UTC.',
    severity: 'warning',
    messages: {
      missingZone:
        '{{count}} timeline time(s) have no zone, starting with "{{time}}"; write them in UTC and say so (a "Time (UTC)" header or "All times in UTC.")',
      notUtc:
        '{{count}} timeline time(s) are in {{zone}}, starting with "{{time}}"; use UTC so that times from every source line up',
    },
    docs: ruleDocsUrl('timeline-zone'),
    options: z
      .object({
        /** Accept any stated zone (only report times without one). */
        allowOtherZones: z.boolean().default(false),
      })
      .strict(),
  },
  create(context) {
    const doc = context.document;
    const note = doc.timeline?.zoneNote;
    for (const group of timelineGroups(doc)) {
      const timed = group.filter((e) => !e.placeholder && hasClockTime(e));
      const bare = timed.filter((e) => !e.zoned);
      if (bare[0]) {
        context.report({
          messageId: 'missingZone',
          data: { count: bare.length, time: bare[0].time.text },
          span: bare[0].time.span,
        });
      }
      if (context.options.allowOtherZones) continue;
      const other = timed.filter((e) => e.zoned && e.zone !== undefined && !isUtc(e.zone));
      const first = other[0];
      if (!first) continue;
      // A note such as "All times in CET." is the one place to change.
      const span = first.zoneFrom === 'note' && note ? note.span : first.time.span;
      context.report({
        messageId: 'notUtc',
        data: { count: other.length, zone: first.zone ?? '?', time: first.time.text },
        span,
      });
    }
  },
});
