/** No severity: in the front matter (`severity: SEV2`) or a "Severity:" line in the text. */
import { defineRule, noOptions, ruleDocsUrl } from '../define-rule.js';

const SEVERITY_LINE = /^[\s>*_#-]*severity[*_\s]*[:|][*_\s]*[\p{L}\p{N}]/imu;

export default defineRule({
  id: 'severity-required',
  meta: {
    description: 'The document states no severity.',
    severity: 'warning',
    messages: {
      missing: 'No severity is stated; add `severity:` to the front matter (e.g. SEV2)',
    },
    docs: ruleDocsUrl('severity-required'),
    options: noOptions,
  },
  create(context) {
    const doc = context.document;
    const fm = doc.frontMatter;
    if (fm?.data.severity !== undefined) return;
    // An invalid value is the parser's finding (document/bad-field), not a missing one.
    if (fm?.fields.severity && fm.raw.match(/^severity:[ \t]*\S/m)) return;
    if (SEVERITY_LINE.test(doc.text.slice(fm?.span.end.offset ?? 0))) return;
    const span = fm?.fields.severity?.key ??
      fm?.span ??
      doc.titleHeading ?? {
        start: { line: 1, column: 1, offset: 0 },
        end: { line: 1, column: 1, offset: 0 },
      };
    context.report({ messageId: 'missing', span });
  },
});
