/** Front-matter times (started, detected, …) with no timeline row near them. */
import { z } from 'zod';
import { TIME_FIELDS } from '../../document/index.js';
import { defineRule, ruleDocsUrl } from '../define-rule.js';

const iso = (ms: number): string =>
  new Date(ms).toISOString().replace(':00.000Z', 'Z').replace('.000Z', 'Z');

export default defineRule({
  id: 'timeline-front-matter',
  meta: {
    description: 'A front-matter time disagrees with the timeline.',
    severity: 'warning',
    messages: {
      disagrees:
        'Front matter {{field}} is {{value}} but no timeline row is within {{tolerance}} min of it (nearest: {{nearest}})',
    },
    docs: ruleDocsUrl('timeline-front-matter'),
    options: z.object({ toleranceMinutes: z.number().min(0).default(5) }).strict(),
  },
  create(context) {
    const doc = context.document;
    const fm = doc.frontMatter;
    const times = (doc.timeline?.entries ?? []).filter((e) => e.ms !== undefined && !e.placeholder);
    if (!fm || times.length === 0) return;
    const tolerance = context.options.toleranceMinutes * 60_000;
    for (const field of TIME_FIELDS) {
      const v = fm.data[field];
      const span = fm.fields[field]?.value;
      if (v?.ms === undefined || !span) continue;
      let nearest = times[0]!;
      for (const e of times) if (Math.abs(e.ms! - v.ms) < Math.abs(nearest.ms! - v.ms)) nearest = e;
      if (Math.abs(nearest.ms! - v.ms) <= tolerance) continue;
      context.report({
        messageId: 'disagrees',
        data: {
          field,
          value: iso(v.ms),
          tolerance: context.options.toleranceMinutes,
          nearest: `${nearest.time.text} (line ${nearest.time.span.start.line})`,
        },
        span,
      });
    }
  },
});
