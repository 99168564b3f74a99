/** A timeline with no row for detection, mitigation or resolution. */
import { z } from 'zod';
import { defineRule, ruleDocsUrl } from '../define-rule.js';
import { momentsCovered } from '../helpers/timeline.js';

const MOMENT = z.enum(['detection', 'mitigation', 'resolution']);

export default defineRule({
  id: 'timeline-key-moments',
  meta: {
    description: 'The timeline has no row for detection, mitigation or resolution.',
    severity: 'warning',
    messages: {
      missing:
        'The timeline has no row for {{moment}}; add when it happened (or say in words that it did not)',
    },
    docs: ruleDocsUrl('timeline-key-moments'),
    options: z
      .object({ moments: z.array(MOMENT).default(['detection', 'mitigation', 'resolution']) })
      .strict(),
  },
  create(context) {
    const doc = context.document;
    const tl = doc.timeline;
    // Rows with a placeholder time still say that the moment happened.
    const entries = (tl?.entries ?? []).filter((e) => e.event.text.trim() !== '');
    const heading = tl && doc.sections[tl.sections[0] ?? -1]?.headingSpan;
    if (entries.every((e) => e.placeholder) || !heading) return;
    const seen = momentsCovered(entries);
    for (const moment of context.options.moments) {
      if (!seen.has(moment))
        context.report({ messageId: 'missing', data: { moment }, span: heading });
    }
  },
});
