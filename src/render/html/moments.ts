/** The key moments as a table: the rows the chart markers and the swimlane dots link to. */
import { markup, type SafeHtml } from './escape.js';
import { evidenceList } from './evidence.js';
import { clock, msOf } from './format.js';
import { kindColour, kindName, momentAnchor } from './markers.js';
import type { MomentJson } from './types.js';

export function momentsTable(moments: readonly MomentJson[]): SafeHtml {
  if (moments.length === 0) return markup`<p class="empty">No key moments were found.</p>`;
  return markup`<table class="moments">
    <caption>
      Key moments (UTC), oldest first
    </caption>
    <thead>
      <tr>
        <th scope="col">Time</th>
        <th scope="col">Source</th>
        <th scope="col">Kind</th>
        <th scope="col">What happened</th>
        <th scope="col">Evidence</th>
      </tr>
    </thead>
    <tbody>
      ${moments.map((m, i) => {
        const ms = msOf(m.ts);
        return markup`<tr id="${momentAnchor(i)}" tabindex="-1">
          <td class="nowrap">${ms === undefined ? '–' : clock(ms)}</td>
          <td>${m.source}</td>
          <td class="nowrap">
            <span class="swatch" style="--c:${kindColour(m.kind)}"></span>${kindName(m.kind)}
          </td>
          <td>${m.title}</td>
          <td class="evidence">${evidenceList(m.evidence, markup`<br />`)}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}
