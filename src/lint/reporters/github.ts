/** GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=rule-id::message`. */
import type { Severity } from '../../core/diagnostic.js';
import { displayPath } from './paths.js';
import { defineReporter } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes as the Actions runner expects (toolkit's escapeData / escapeProperty). */
const data = (s: string): string =>
  s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string): string => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export default defineReporter({
  id: 'github',
  description: 'GitHub Actions annotations on the pull request diff',
  render(results, context) {
    const lines: string[] = [];
    for (const r of results) {
      const file = displayPath(r.source, context.cwd);
      for (const f of r.findings) {
        const props = [
          `file=${property(file)}`,
          `line=${f.place.line}`,
          `col=${f.place.column}`,
          `endLine=${f.place.end?.line ?? f.place.line}`,
          ...(f.place.end ? [`endColumn=${f.place.end.column}`] : []),
          `title=${property(f.ruleId)}`,
        ];
        lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${data(f.message)}`);
      }
    }
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  },
});
