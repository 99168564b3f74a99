/** The default reporter: findings grouped by file, `line:col severity message rule-id`, then a summary. */
import pc from 'picocolors';
import type { Severity } from '../../core/diagnostic.js';
import { displayPath } from './paths.js';
import { defineReporter } from './types.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export default defineReporter({
  id: 'stylish',
  description: 'grouped by file, one line per finding, and a summary (default)',
  render(results, context) {
    const c = pc.createColors(context.color);
    const colour: Record<Severity, (s: string) => string> = {
      error: c.red,
      warning: c.yellow,
      info: c.cyan,
    };
    const out: string[] = [];
    let errors = 0;
    let warnings = 0;
    let infos = 0;
    let fixable = 0;
    for (const r of results) {
      errors += r.errorCount;
      warnings += r.warningCount;
      infos += r.infoCount;
      fixable += r.fixableCount;
      if (r.findings.length === 0) continue;
      out.push(c.underline(displayPath(r.source, context.cwd)));
      const rows = r.findings.map((f) => [
        `${f.place.line}:${f.place.column}`,
        f.severity,
        f.message.replace(/\s*\n\s*/g, ' '),
        f.ruleId,
      ]);
      const w0 = Math.max(...rows.map((x) => x[0]!.length));
      const w1 = Math.max(...rows.map((x) => x[1]!.length));
      for (const [where, sev, message, id] of rows) {
        out.push(
          `  ${c.dim(where!.padEnd(w0))}  ${colour[sev as Severity](sev!.padEnd(w1))}  ${message}  ${c.dim(id!)}`,
        );
      }
      out.push('');
    }
    const total = errors + warnings + infos;
    if (total === 0) return results.length > 0 ? '' : '';
    const mark = errors > 0 ? c.red('✖') : warnings > 0 ? c.yellow('⚠') : c.cyan('ℹ');
    out.push(
      `${mark} ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info)`,
    );
    if (fixable > 0) out.push(`  ${plural(fixable, 'problem')} fixable with the --fix option.`);
    return `${out.join('\n')}\n`;
  },
});
