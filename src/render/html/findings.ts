/** The linter's findings on the postmortem, worst first, each at its line and column. */
import { markup, type SafeHtml } from './escape.js';
import type { ReportFinding } from './types.js';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function findingsList(findings: readonly ReportFinding[] | undefined): SafeHtml {
  if (findings === undefined)
    return markup`<p class="empty">The postmortem was not linted for this report.</p>`;
  if (findings.length === 0) return markup`<p class="empty">No lint findings.</p>`;
  const sorted = [...findings].sort(
    (a, b) =>
      (ORDER[a.severity] ?? 3) - (ORDER[b.severity] ?? 3) || a.line - b.line || a.column - b.column,
  );
  const counts = (['error', 'warning', 'info'] as const)
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n === 1 ? '' : s === 'info' ? '' : 's'}`)
    .join(', ');
  return markup`<table class="findings">
    <caption>
      ${counts}
    </caption>
    <thead>
      <tr>
        <th scope="col">Severity</th>
        <th scope="col">Line</th>
        <th scope="col">Finding</th>
        <th scope="col">Rule</th>
      </tr>
    </thead>
    <tbody>
      ${sorted.map(
        (f) =>
          markup`<tr class="sev-${f.severity}">
            <td><span class="sev">${f.severity}</span></td>
            <td class="num">${f.line}:${f.column}</td>
            <td>${f.message}</td>
            <td>
              ${f.url && /^https?:\/\//.test(f.url) ? markup`<a href="${f.url}"><code>${f.ruleId}</code></a>` : markup`<code>${f.ruleId}</code>`}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
