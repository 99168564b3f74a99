// One case: the summary, the charts, the key moments with their raw lines, and the postmortem.
import { api } from './api.js';
import { drawCharts } from './charts.js';
import { el, replace } from './dom.js';
import { editorSection } from './editor.js';
import { momentsSection } from './moments.js';

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

/** @param {HTMLElement} view @param {HTMLElement} crumb @param {string} id */
export async function casePage(view, crumb, id) {
  replace(view, el('p', {}, 'Analysing the evidence…'));
  const [{ cases }, res] = await Promise.all([
    api('/api/cases'),
    api(`/api/cases/${encodeURIComponent(id)}/analysis`),
  ]);
  const served = cases.find((c) => c.id === id);
  if (!served) throw new Error(`no case ${id}`);
  replace(crumb, ` / ${served.title ?? served.name}`);
  const a = res.analysis;
  const charts = el(
    'section',
    { 'aria-labelledby': 'charts-h' },
    el('h2', { id: 'charts-h' }, 'Charts'),
  );
  replace(
    view,
    el('h1', {}, served.title ?? served.name),
    summary(a),
    charts,
    momentsSection(id, a),
    editorSection(id, served),
  );
  drawCharts(charts, a);
}
