/** Required sections missing or empty (configurable list; `a|b` accepts either). */
import { z } from 'zod';
import { SECTION_SYNONYMS, type SectionKind } from '../../document/index.js';
import { defineRule, ruleDocsUrl } from '../define-rule.js';
import { hasText } from '../helpers/action-items.js';
import { isEmpty } from '../helpers/sections.js';
import { addSectionEdits, sectionName } from '../helpers/template-sections.js';

const KINDS = Object.keys(SECTION_SYNONYMS) as SectionKind[];
const entry = z
  .string()
  .refine((s) => s.split('|').every((k) => (KINDS as string[]).includes(k.trim())), {
    message: `expected section kinds (${KINDS.join(', ')}), alternatives joined with |`,
  });

export default defineRule({
  id: 'required-sections',
  meta: {
    description: 'A required section is missing or empty.',
    severity: 'error',
    fixable: true,
    messages: {
      missing: 'The document has no {{section}} section',
      empty: 'The {{section}} section is empty',
    },
    docs: ruleDocsUrl('required-sections'),
    options: z
      .object({
        sections: z
          .array(entry)
          .default([
            'summary',
            'impact',
            'timeline',
            'root-cause|contributing-factors',
            'action-items',
          ]),
      })
      .strict(),
  },
  create(context) {
    const doc = context.document;
    const at = doc.titleHeading ??
      doc.frontMatter?.span ?? {
        start: { line: 1, column: 1, offset: 0 },
        end: { line: 1, column: 1, offset: 0 },
      };
    for (const spec of context.options.sections) {
      const kinds = spec.split('|').map((k) => k.trim() as SectionKind);
      const found = doc.sections.filter((s) => kinds.includes(s.kind));
      const name = kinds.map(sectionName).join(' or ');
      if (found.length === 0) {
        const fix = addSectionEdits(doc, kinds[0]!);
        context.report({
          messageId: 'missing',
          data: { section: name },
          span: at,
          ...(fix.length > 0 ? { fix } : {}),
        });
        continue;
      }
      // Subsections count as content: "Root cause" with only "### Primary issue" below is not empty.
      // An action-item table whose only row is the template's blank one holds no item.
      const filled = kinds.includes('action-items')
        ? (doc.actionItems?.items ?? []).some(hasText)
        : found.some(
            (s) => !isEmpty(s) || doc.sections.some((c) => c.parent === s.index && !isEmpty(c)),
          );
      if (!filled) {
        context.report({
          messageId: 'empty',
          data: { section: found[0]!.heading },
          span: found[0]!.headingSpan,
        });
      }
    }
  },
});
