/* global window */
// Aggregated series only (never raw events), drawn with uPlot served from the server's node_modules.
import { el } from './dom.js';

const COLOURS = ['#1971c2', '#e8590c', '#2f9e44', '#9c36b5', '#c92a2a', '#0c8599', '#5c940d'];
const MARKED = new Set(['deploy', 'alert_firing', 'onset', 'mitigation', 'recovery', 'oom_kill']);

/** One x axis (epoch seconds) for every source's buckets, and each series aligned to it. */
function columns(series, pick) {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => Date.parse(p.t) / 1000)))].sort(
    (a, b) => a - b,
  );
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const col = xs.map(() => null);
    for (const p of s.points) col[index.get(Date.parse(p.t) / 1000)] = pick(p, s);
    return col;
  });
  return [xs, ...ys];
}

/** Vertical labelled lines at the moments that matter most in a review. */
function markerPlugin(moments) {
  const marks = moments
    .filter((m) => MARKED.has(m.kind) && m.ts)
    .map((m) => ({ x: Date.parse(m.ts) / 1000, label: m.kind }));
  return {
    hooks: {
      draw: [
        (u) => {
          const { ctx } = u;
          ctx.save();
          ctx.font = `${11 * window.devicePixelRatio}px sans-serif`;
          for (const [i, m] of marks.entries()) {
            const x = u.valToPos(m.x, 'x', true);
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
            ctx.strokeStyle = ctx.fillStyle = m.label === 'onset' ? '#c92a2a' : '#495057';
            ctx.setLineDash([4, 4]);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.fillText(m.label, x + 3, u.bbox.top + 12 * window.devicePixelRatio * (1 + (i % 3)));
          }
          ctx.restore();
        },
      ],
    },
  };
}

function chart(parent, title, labels, data, moments, width, onTime) {
  const figure = el('figure', { class: 'chart' }, el('figcaption', {}, title));
  parent.append(figure);
  const opts = {
    width,
    height: 220,
    series: [
      {},
      ...labels.map((label, i) => ({ label, stroke: COLOURS[i % COLOURS.length], width: 1.5 })),
    ],
    // Times in UTC, 24-hour, as everywhere else in aftermath.
    tzDate: (ts) => window.uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    axes: [
      {
        space: 72,
        values: (u, vals) =>
          vals.map((v) => new Date(v * 1000).toISOString().slice(11, v % 60 === 0 ? 16 : 19)),
      },
      { size: 60 },
    ],
    plugins: [markerPlugin(moments)],
  };
  const u = new window.uPlot(opts, data, figure);
  if (onTime) {
    const marks = moments
      .filter((m) => MARKED.has(m.kind) && m.ts)
      .map((m) => Date.parse(m.ts) / 1000);
    // A click near a marker (8 px) means that moment; anywhere else, the time under the pointer.
    u.over.addEventListener('click', () => {
      if (u.cursor.left === undefined || u.cursor.left < 0) return;
      let t = u.posToVal(u.cursor.left, 'x');
      for (const m of marks) if (Math.abs(u.valToPos(m, 'x') - u.cursor.left) <= 8) t = m;
      onTime(new Date(t * 1000).toISOString());
    });
    u.over.title = 'Click to show this time in the timeline';
  }
}

/**
 * @param {HTMLElement} section @param {any} a the analysis JSON
 * @param {(iso: string) => void} [onTime] a click on a chart shows that time in the timeline
 */
export function drawCharts(section, a, onTime) {
  const series = a.series ?? [];
  if (series.length === 0 || !window.uPlot) {
    section.append(el('p', { class: 'muted' }, 'No series to chart.'));
    return;
  }
  const width = Math.max(320, Math.min(1100, section.clientWidth || 900));
  const perSecond = (n, s) => Math.round((n / s.bucketSeconds) * 100) / 100;
  chart(
    section,
    'Events per second, by source',
    series.map((s) => s.source),
    columns(series, (p, s) => perSecond(p.events, s)),
    a.moments ?? [],
    width,
    onTime,
  );
  const requests = series.filter((s) => s.hasRequests);
  if (requests.length > 0)
    chart(
      section,
      'Error ratio (%), request sources',
      requests.map((s) => s.source),
      columns(requests, (p) =>
        p.errorRatio === null ? null : Math.round(p.errorRatio * 1000) / 10,
      ),
      a.moments ?? [],
      width,
      onTime,
    );
}
