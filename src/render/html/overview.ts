/** The report's first screen: what happened in numbers, over which window, from which evidence. */
import { markup, type SafeHtml } from './escape.js';
import { count, dateTime, duration, msOf, percent } from './format.js';
import type { ReportAnalysis } from './types.js';

function card(label: string, value: string, note?: string): SafeHtml {
  return markup`<div class="card">
    <div class="card-value">${value}</div>
    <div class="card-label">${label}</div>
    ${note ? markup`<div class="card-note">${note}</div>` : ''}
  </div>`;
}

export function overview(a: ReportAnalysis, folder = ''): SafeHtml {
  const i = a.impact;
  const m = a.mttx;
  const secs = (s: number | null | undefined): string =>
    s === null || s === undefined ? 'unknown' : duration(s);
  const cards: SafeHtml[] = [];
  if (i) {
    cards.push(
      card(
        'impact',
        i.durationSeconds === null ? 'unknown' : duration(i.durationSeconds),
        `on ${i.source}`,
      ),
    );
    if (i.requests > 0)
      cards.push(
        card(
          'failed requests',
          `${count(i.failedRequests)} of ${count(i.requests)}`,
          `${percent(i.errorRatio)}; peak ${percent(i.peakErrorRatio)}`,
        ),
      );
  }
  cards.push(card('time to detect', secs(m.timeToDetectSeconds)));
  cards.push(card('time to mitigate', secs(m.timeToMitigateSeconds)));
  cards.push(card('time to resolve', secs(m.timeToResolveSeconds)));
  const from = msOf(a.window?.from);
  const to = msOf(a.window?.to);
  const sources = a.sources.filter((s) => s.events > 0);
  return markup`<div class="cards">${cards}</div>
    <p class="window">
      ${from !== undefined && to !== undefined ? markup`Evidence window <strong>${dateTime(from)}</strong> to <strong>${dateTime(to)}</strong>` : 'No evidence had a time'};
      ${count(sources.reduce((n, s) => n + s.events, 0))} events from ${sources.length}
      source${sources.length === 1 ? '' : 's'}:
      ${sources.map((s, k) => markup`${k ? ', ' : ''}<span class="source">${s.source}</span> (${count(s.events)})`)}.${i && i.affectedSources.length ? markup` Affected: ${i.affectedSources.join(', ')}.` : ''}${folder ? markup` Sources are named from <span class="source">${folder}</span>.` : ''}
    </p>
    ${
      a.gaps.length
        ? markup`<details class="gaps">
            <summary>${a.gaps.length} gap${a.gaps.length === 1 ? '' : 's'} in the evidence</summary>
            <ul>
              ${a.gaps.map((g) => markup`<li><code>${g.kind}</code> ${g.message}</li>`)}
            </ul>
          </details>`
        : ''
    }`;
}
