/* global window */
// The Insights page: the archive across incidents (GET /api/insights) — MTTx trends, counts by
// group, repeat incidents and why, action-item follow-up. Every value reaches the page as text.
import { api } from './api.js';
import { el, replace } from './dom.js';

const KEYS = ['mttd', 'mtta', 'mttm', 'mttr'];
const COLOURS = ['#1971c2', '#e8590c', '#2f9e44', '#c92a2a'];

/** `45s`, `12m`, `1h 12m`, `3d 4h`, as the terminal report writes them. */
export function duration(ms) {
  if (ms === null || ms === undefined) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m}m`;
  if (m < 1440) return `${Math.floor(m / 60)}h${m % 60 ? ` ${m % 60}m` : ''}`;
  const h = Math.round(m / 60);
  return `${Math.floor(h / 24)}d${h % 24 ? ` ${h % 24}h` : ''}`;
}

const pct = (x) => (x === null ? '–' : `${Math.round(x * 1000) / 10}%`);

function trendChart(parent, months) {
  const figure = el('figure', { class: 'chart', id: 'mttx-chart' });
  figure.append(el('figcaption', {}, 'MTTx median by month (minutes)'));
  parent.append(figure);
  if (!window.uPlot || months.length === 0) {
    figure.append(el('p', { class: 'muted' }, 'No dated incidents to chart.'));
    return;
  }
  const xs = months.map((m) => Date.parse(`${m.key}-01T00:00:00Z`) / 1000);
  const ys = KEYS.map((k) =>
    months.map((m) =>
      m.mttx[k].medianMs === null ? null : Math.round(m.mttx[k].medianMs / 6e3) / 10,
    ),
  );
  const width = Math.max(320, Math.min(1100, parent.clientWidth || 900));
  new window.uPlot(
    {
      width,
      height: 240,
      series: [
        {},
        ...KEYS.map((k, i) => ({
          label: k.toUpperCase(),
          stroke: COLOURS[i],
          width: 2,
          points: { show: true, size: 6 },
          spanGaps: true,
        })),
      ],
      tzDate: (ts) => window.uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      axes: [
        {
          // One tick per month of data: uPlot's own ticks would repeat a month label.
          splits: () => xs,
          space: 60,
          values: (u, vals) => vals.map((v) => new Date(v * 1000).toISOString().slice(0, 7)),
        },
        { size: 50 },
      ],
    },
    [xs, ...ys],
    figure,
  );
}

function groupTable(r) {
  const head = [
    r.by,
    'incidents',
    'impact h',
    ...KEYS.flatMap((k) => [`${k.toUpperCase()} p50`, `p90`]),
  ];
  const row = (g, cls) =>
    el(
      'tr',
      { class: cls },
      el('th', { scope: 'row' }, g.key),
      el('td', {}, String(g.incidents)),
      el('td', {}, g.impactHours.toFixed(1)),
      ...KEYS.flatMap((k) => [
        el('td', {}, duration(g.mttx[k].medianMs)),
        el('td', {}, duration(g.mttx[k].p90Ms)),
      ]),
    );
  return el(
    'table',
    { class: 'insights', id: 'insights-groups' },
    el(
      'caption',
      { class: 'muted' },
      `By ${r.by}: a postmortem with several services counts in each`,
    ),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...r.groups.map((g) => row(g, '')), row(r.total, 'total')),
  );
}

function trends(r) {
  return el(
    'ul',
    { id: 'insights-trends' },
    ...KEYS.map((k) => {
      const t = r.trends[k];
      return el(
        'li',
        { 'data-direction': t.direction },
        `${k.toUpperCase()}: `,
        t.direction === 'unknown'
          ? 'not enough data'
          : `${duration(t.recentMedianMs)} in the last 3 months vs ${duration(t.previousMedianMs)} before (${t.direction})`,
      );
    }),
  );
}

function repeats(r) {
  if (r.repeats.length === 0)
    return el('p', { class: 'muted', id: 'insights-repeats' }, 'No repeat incidents.');
  return el(
    'ul',
    { id: 'insights-repeats' },
    ...r.repeats.flatMap((rep) =>
      rep.similar.map((s) =>
        el(
          'li',
          { 'data-id': rep.id, 'data-earlier': s.id },
          el('strong', {}, `${rep.id} ${rep.title}`),
          ` repeats ${s.id} ${s.title} (score ${s.score.toFixed(2)}): `,
          `factors alike ${s.factorSimilarity.toFixed(2)}`,
          s.sharedWords.length ? ` (${s.sharedWords.join(', ')})` : '',
          `; services ${s.sharedServices.join(', ') || '–'}; tags ${s.sharedTags.join(', ') || '–'}`,
        ),
      ),
    ),
  );
}

function actions(r) {
  const a = r.actions;
  return el(
    'div',
    {},
    el(
      'p',
      { id: 'insights-actions' },
      `${a.total} action items: ${a.done} done, ${a.open} open, ${a.wontDo} won't do — completion ${pct(a.completionRate)}, ` +
        `median time to close ${duration(a.timeToClose.medianMs)} (p90 ${duration(a.timeToClose.p90Ms)}), ${a.overdue.length} past due.`,
    ),
    a.overdue.length
      ? el(
          'ul',
          { id: 'insights-overdue' },
          ...a.overdue.map((o) =>
            el(
              'li',
              {},
              `${o.postmortemId} ${o.key} ${o.text} — ${o.owner ?? '(no owner)'}, due ${o.due} (${o.daysOverdue} d)`,
            ),
          ),
        )
      : '',
  );
}

const refs = (list) => (list.length ? list.map((p) => `${p.id} ${p.title}`).join('; ') : 'none');

/** @param {HTMLElement} view @param {HTMLElement} crumb */
export async function insightsPage(view, crumb, by = 'service') {
  replace(crumb, ' / Insights');
  const r = await api(`/api/insights?by=${encodeURIComponent(by)}`);
  const select = el(
    'select',
    { id: 'insights-by', onchange: (e) => void insightsPage(view, crumb, e.target.value) },
    ...['service', 'severity', 'month'].map((k) =>
      el('option', { value: k, ...(k === by ? { selected: true } : {}) }, k),
    ),
  );
  const section = (id, title, ...body) =>
    el('section', { 'aria-labelledby': id }, el('h2', { id }, title), ...body);
  const charts = el('div');
  replace(
    view,
    el('h1', {}, 'Insights'),
    r.hint ? el('p', { class: 'muted', id: 'insights-hint' }, r.hint) : '',
    el(
      'p',
      { id: 'insights-summary' },
      `${r.total.incidents} postmortem(s), ${r.total.impactHours.toFixed(1)} h of impact.`,
    ),
    section('ins-trend', 'Time to detect, acknowledge, mitigate, resolve', charts, trends(r)),
    section('ins-groups', 'Counts and impact', el('label', {}, 'Group by ', select), groupTable(r)),
    section(
      'ins-factors',
      'Contributing factors and tags',
      el(
        'p',
        { id: 'insights-factors' },
        `Categories: ${r.factorCategories.map((c) => `${c.key} ${c.postmortems}`).join(', ') || 'none'}`,
      ),
      el(
        'p',
        { id: 'insights-tags' },
        `Tags: ${r.tags.map((c) => `${c.key} ${c.postmortems}`).join(', ') || 'none'}`,
      ),
    ),
    section('ins-repeats', 'Repeat incidents', repeats(r)),
    section('ins-actions', 'Action items', actions(r)),
    section(
      'ins-review',
      'Still to review',
      el('p', { id: 'insights-drafts' }, `Drafts: ${refs(r.review.drafts)}`),
      el('p', { id: 'insights-unreviewed' }, `Never reviewed: ${refs(r.review.neverReviewed)}`),
    ),
  );
  trendChart(charts, r.months);
}
