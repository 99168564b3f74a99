/** Fewer than two contributing factors: incidents rarely have a single cause. */
import { z } from 'zod';
import { defineRule, ruleDocsUrl } from '../define-rule.js';
import { listItemCount } from '../helpers/sections.js';

export default defineRule({
  id: 'contributing-factors-min',
  meta: {
    description:
      'The contributing factors section lists fewer factors than the minimum (default 2).',
    severity: 'warning',
    messages: {
      tooFew:
        'Only {{count}} contributing factor(s) listed; an incident rarely has one cause: look for at least {{min}} (triggers, latent conditions, what made it worse or longer)',
    },
    docs: ruleDocsUrl('contributing-factors-min'),
    options: z.object({ min: z.number().int().min(1).default(2) }).strict(),
  },
  create(context) {
    const doc = context.document;
    const cf = doc.contributingFactors;
    if (!cf) return;
    const { min } = context.options;
    const sections = cf.sections.map((i) => doc.sections[i]!).filter(Boolean);
    // A factor with sub-bullets often holds several: count leaf items too, and take the larger.
    const count = Math.max(
      cf.factors.length,
      sections.reduce((n, s) => n + listItemCount(s.nodes), 0),
    );
    if (count >= min || !sections[0]) return;
    context.report({ messageId: 'tooFew', data: { count, min }, span: sections[0].headingSpan });
  },
});
