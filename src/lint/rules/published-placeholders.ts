/** A published postmortem (status: published) that still holds placeholders. */
import { defineRule, noOptions, ruleDocsUrl } from '../define-rule.js';

const PLACEHOLDER =
  /\bTB[DC]\b|\bTODO\b|\bFIXME\b|\?\?+|\b[Hh]{2}:[Mm]{2}\b|\bYYYY-MM-DD\b|\b20[Xx]{2}\b|\bXXX\b|\{\{[^}]*\}\}|\bWhy (?:\.\.\.|…)\?|\[(?:placeholder|fill in|todo)\]/g;

export default defineRule({
  id: 'published-placeholders',
  meta: {
    description: 'The postmortem is published but still holds placeholders.',
    severity: 'error',
    messages: {
      placeholder:
        'Published with a placeholder "{{text}}"; fill it in or set status back to in-review',
    },
    docs: ruleDocsUrl('published-placeholders'),
    options: noOptions,
  },
  create(context) {
    const { document: doc, facts } = context;
    if (doc.frontMatter?.data.status !== 'published') return;
    for (const sentence of facts.sentences) {
      for (const m of sentence.text.matchAll(PLACEHOLDER)) {
        context.report({
          messageId: 'placeholder',
          data: { text: m[0] },
          span: facts.span(sentence, m.index, m.index + m[0].length),
        });
      }
    }
  },
});
