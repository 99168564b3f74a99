/** Placeholders left in the timeline: `HH:mm`, `??`, `TBD`, `YYYY-MM-DD`. */
import { defineRule, noOptions, ruleDocsUrl } from '../define-rule.js';

const EVENT_PLACEHOLDER = /\bTB[DC]\b|\?\?|\bTODO\b|\bFIXME\b|\bXXX\b/;

export default defineRule({
  id: 'timeline-placeholder',
  meta: {
    description: 'A timeline row still holds a placeholder (HH:mm, ??, TBD, YYYY-MM-DD).',
    severity: 'warning',
    messages: {
      time: 'Timeline time "{{text}}" is a placeholder; fill in the time from the evidence, or remove the row',
      event: 'Timeline event "{{text}}" holds a placeholder',
    },
    docs: ruleDocsUrl('timeline-placeholder'),
    options: noOptions,
  },
  create(context) {
    for (const e of context.document.timeline?.entries ?? []) {
      if (e.placeholder) {
        context.report({ messageId: 'time', data: { text: e.time.text }, span: e.time.span });
      }
      const m = EVENT_PLACEHOLDER.exec(e.event.text);
      if (m && e.event.text.length < 200) {
        context.report({ messageId: 'event', data: { text: e.event.text }, span: e.event.span });
      }
    }
  },
});
