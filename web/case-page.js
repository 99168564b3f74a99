// One case: the summary, the charts, the key moments with their raw lines, and the postmortem.
import { api } from './api.js';
import { drawCharts } from './charts.js';
import { el, replace } from './dom.js';
import { editorSection } from './editor.js';
import { momentsSection } from './moments.js';
import { timelineSection } from './timeline.js';
import { actionItemsSection } from './action-items.js';

function summary(a) {
  const rows = [];
  if (a.window) rows.push(['Window (UTC)', `${a.window.from} → ${a.window.to}`]);
  rows.push(['Sources', a.sources.map((s) => `${s.source} (${s.events})`).join(', ')]);
  if (a.impact)
    rows.push([
      'Impact',
      `${a.impact.durationSeconds} s, ${a.impact.failedRequests} of ${a.impact.requests} requests failed (peak error ratio ${Math.round(a.impact.peakErrorRatio * 100)}%)`,
    ]);
  for (const [stage, p] of Object.entries(a.mttx ?? {}))
    if (p && typeof p === 'object' && 'how' in p)
      rows.push([stage, p.ts ? `${p.ts.slice(11, 19)} (${p.how})` : p.how]);
  return el(
    'section',
    { 'aria-labelledby': 'summary-h' },
    el('h2', { id: 'summary-h' }, 'Summary'),
    el(
      'table',
      { class: 'summary' },
      el('tbody', {}, ...rows.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, v)))),
    ),
  );
}

/**
 * The timeline is shown first: it needs only the event index, while the analysis (summary,
 * charts, key moments) may take longer on a large case.
 * @param {HTMLElement} view @param {HTMLElement} crumb @param {string} id
 */
export async function casePage(view, crumb, id) {
  replace(view, el('p', {}, 'Loading the case…'));
  // Started before the list of cases arrives: the overview is the first thing worth seeing.
  const timeline = timelineSection(id);
  const { cases } = await api('/api/cases');
  const served = cases.find((c) => c.id === id);
  if (!served) throw new Error(`no case ${id}`);
  replace(crumb, ` / ${served.title ?? served.name}`);
  const analysisBox = el('div', {}, el('p', { role: 'status' }, 'Analysing the evidence…'));
  replace(
    view,
    el('h1', {}, served.title ?? served.name),
    analysisBox,
    timeline.element,
    actionItemsSection(served),
    editorSection(id, served),
  );
  try {
    const res = await api(`/api/cases/${encodeURIComponent(id)}/analysis`);
    const a = res.analysis;
    const charts = el(
      'section',
      { 'aria-labelledby': 'charts-h' },
      el('h2', { id: 'charts-h' }, 'Charts'),
    );
    replace(analysisBox, summary(a), charts, momentsSection(id, a, timeline.scrollToTime));
    drawCharts(charts, a, timeline.scrollToTime);
    timeline.setTemplates(a.templates);
  } catch (err) {
    replace(
      analysisBox,
      el('p', { class: 'error', role: 'alert' }, `Could not analyse: ${err.message}`),
    );
  }
}
