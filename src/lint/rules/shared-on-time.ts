/** Not shared within 48 hours (configurable) of resolution: later, people remember less and care less. */
import { z } from 'zod';
import { defineRule, ruleDocsUrl } from '../define-rule.js';

const HOUR = 3_600_000;

/** "50 h", or "9 days" once it is more than three days. */
const span = (ms: number): string =>
  ms > 72 * HOUR ? `${Math.round(ms / (24 * HOUR))} days` : `${Math.round(ms / HOUR)} h`;

export default defineRule({
  id: 'shared-on-time',
  meta: {
    description: 'The postmortem was not shared within 48 hours of resolution.',
    severity: 'warning',
    messages: {
      late: 'Shared {{after}} after resolution; share within {{hours}} h',
      notShared:
        'Resolved {{after}} ago and not shared yet (no `shared:` date); share within {{hours}} h of resolution',
    },
    docs: ruleDocsUrl('shared-on-time'),
    options: z.object({ hours: z.number().positive().default(48) }).strict(),
  },
  create(context) {
    const fm = context.document.frontMatter;
    const resolved = fm?.data.resolved?.ms;
    if (!fm || resolved === undefined) return;
    const { hours } = context.options;
    const shared = fm.data.shared?.ms;
    const limit = hours * HOUR;
    if (shared !== undefined) {
      // A date without a time means "some time that day": count from its end.
      const end = shared + (fm.data.shared?.dateOnly ? 24 * HOUR - 1 : 0);
      if (end - resolved <= limit || shared - resolved <= limit) return;
      context.report({
        messageId: 'late',
        data: {
          hours,
          actual: Math.round((shared - resolved) / HOUR),
          after: span(shared - resolved),
        },
        span: fm.fields.shared?.value ?? fm.span,
      });
      return;
    }
    const since = context.settings.now - resolved;
    if (since <= limit) return;
    context.report({
      messageId: 'notShared',
      data: { hours, actual: Math.round(since / HOUR), after: span(since) },
      span: fm.fields.shared?.key ?? fm.fields.resolved?.key ?? fm.span,
    });
  },
});
