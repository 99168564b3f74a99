/** No follow-up review scheduled about four weeks after resolution (window configurable). */
import { z } from 'zod';
import { defineRule, ruleDocsUrl } from '../define-rule.js';

const DAY = 86_400_000;

export default defineRule({
  id: 'follow-up-review',
  meta: {
    description: 'No follow-up review is scheduled about four weeks after resolution.',
    severity: 'warning',
    messages: {
      missing:
        'No follow-up review is scheduled; set `follow_up_review:` about four weeks after resolution ({{from}} to {{to}})',
      outsideWindow:
        'The follow-up review is {{days}} day(s) after resolution; schedule it {{minDays}}–{{maxDays}} days after, when the action items can have worked',
    },
    docs: ruleDocsUrl('follow-up-review'),
    options: z
      .object({
        minDays: z.number().min(0).default(21),
        maxDays: z.number().min(0).default(42),
      })
      .strict(),
  },
  create(context) {
    const fm = context.document.frontMatter;
    const resolved = fm?.data.resolved?.ms;
    if (!fm || resolved === undefined) return;
    const { minDays, maxDays } = context.options;
    const review = fm.data.follow_up_review?.ms;
    const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
    if (review === undefined) {
      context.report({
        messageId: 'missing',
        data: { from: day(resolved + minDays * DAY), to: day(resolved + maxDays * DAY) },
        span: fm.fields.follow_up_review?.key ?? fm.span,
      });
      return;
    }
    // Whole days between the dates, so that a date-only value on the last day still counts.
    const days = Math.round((Date.UTC(...ymd(review)) - Date.UTC(...ymd(resolved))) / DAY);
    if (days >= minDays && days <= maxDays) return;
    context.report({
      messageId: 'outsideWindow',
      data: { days, minDays, maxDays },
      span: fm.fields.follow_up_review?.value ?? fm.span,
    });
  },
});

function ymd(ms: number): [number, number, number] {
  const d = new Date(ms);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}
