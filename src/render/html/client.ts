/**
 * The page's script: draws the charts with uPlot from the JSON data block and hands Mermaid its
 * diagrams. Plain ES2020 in a string, because the project compiles for Node without DOM types;
 * the browser tests (test/report-browser.test.ts) are what check it. It builds every element with
 * createElement and textContent: no string of the report's data is ever parsed as HTML.
 */
export const CLIENT_JS = `(function () {
  'use strict';
  var root = document.documentElement;
  var data;
  try {
    data = JSON.parse(document.getElementById('report-data').textContent || '{}');
  } catch (e) {
    root.setAttribute('data-charts', 'failed');
    return;
  }
  var charts = [];
  var HEIGHT = 220;
  var LABEL_ROW = 18;

  function fmt(v) {
    if (v == null || !isFinite(v)) return '–';
    var a = Math.abs(v);
    if (Number.isInteger(v) && a < 1e4) return String(v);
    if (a >= 1e6) return (v / 1e6).toFixed(1) + 'M';
    if (a >= 1e4) return (v / 1e3).toFixed(0) + 'k';
    if (a >= 100) return v.toFixed(0);
    if (a >= 10) return v.toFixed(1);
    if (a >= 1) return v.toFixed(2);
    return String(Number(v.toPrecision(2)));
  }
  function two(n) {
    return (n < 10 ? '0' : '') + n;
  }
  /** x-axis ticks in UTC, 24-hour: seconds only when the ticks are less than a minute apart. */
  function timeTicks(u, splits, axisIdx, space, incr) {
    return splits.map(function (v) {
      var d = new Date(v * 1000);
      if (incr >= 86400) return d.toISOString().slice(5, 10);
      var hm = two(d.getUTCHours()) + ':' + two(d.getUTCMinutes());
      return incr < 60 ? hm + ':' + two(d.getUTCSeconds()) : hm;
    });
  }
  /** Decades only on a log axis: every 2…9 line makes a grey wall. */
  function decades(u, axisIdx, min, max) {
    var out = [];
    for (var p = Math.pow(10, Math.floor(Math.log10(min))); p <= max * 1.0001; p *= 10)
      if (p >= min * 0.9999) out.push(p);
    return out;
  }
  function clock(sec) {
    return new Date(sec * 1000).toISOString().slice(11, 19) + ' UTC';
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function drawBands(spec) {
    return function (u) {
      var ctx = u.ctx;
      spec.bands.forEach(function (b) {
        var x0 = u.valToPos(b.from, 'x', true);
        var x1 = u.valToPos(b.to, 'x', true);
        ctx.save();
        ctx.fillStyle = b.colour;
        ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
        ctx.fillStyle = '#868e96';
        ctx.font = 11 * (window.devicePixelRatio || 1) + 'px system-ui, sans-serif';
        ctx.textBaseline = 'top';
        if (x1 - x0 > ctx.measureText(b.label).width + 8) ctx.fillText(b.label, x0 + 4, u.bbox.top + 4);
        ctx.restore();
      });
    };
  }

  function drawMarkers(u) {
    var ctx = u.ctx;
    var dpr = window.devicePixelRatio || 1;
    data.markers.forEach(function (m) {
      var x = Math.round(u.valToPos(m.t, 'x', true));
      if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
      ctx.save();
      ctx.strokeStyle = m.colour;
      ctx.lineWidth = 1.5 * dpr;
      ctx.setLineDash([4 * dpr, 3 * dpr]);
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.restore();
    });
  }

  /** Labels in rows above the plot, each starting at its marker; a row is used only when free. */
  function placeLabels(chart) {
    var u = chart.u;
    var strip = chart.strip;
    while (strip.firstChild) strip.removeChild(strip.firstChild);
    var offset = u.over.getBoundingClientRect().left - strip.getBoundingClientRect().left;
    var width = strip.clientWidth;
    var ends = [];
    var rows = 0;
    data.markers
      .slice()
      .sort(function (a, b) { return a.t - b.t; })
      .forEach(function (m) {
        var x = offset + u.valToPos(m.t, 'x');
        if (!(x >= offset - 1 && x <= offset + u.over.clientWidth + 1)) return;
        var a = el('a', 'marker-label', m.label);
        a.href = m.href;
        a.title = m.title;
        a.style.borderColor = m.colour;
        strip.appendChild(a);
        var w = a.offsetWidth;
        var left = x;
        if (x + w > width) {
          left = x - w;
          a.classList.add('flip');
        }
        var row = 0;
        while (row < ends.length && ends[row] + 4 > left) row++;
        ends[row] = left + w;
        rows = Math.max(rows, row + 1);
        a.style.left = left + 'px';
        a.style.top = row * LABEL_ROW + 'px';
      });
    strip.style.height = rows * LABEL_ROW + 'px';
  }

  function makeChart(spec) {
    var fig = document.getElementById('chart-' + spec.id);
    if (!fig) return;
    var strip = fig.querySelector('.marker-strip');
    var plot = fig.querySelector('.plot');
    var yScale = spec.log
      ? { distr: 3, log: 10 }
      : { range: function (u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; } };
    var series = [{ label: 'time', value: function (u, v) { return v == null ? '–' : clock(v); } }];
    spec.series.forEach(function (s) {
      series.push({
        label: s.label,
        stroke: s.colour,
        width: s.dash ? 1.25 : 1.75,
        dash: s.dash,
        points: { show: false },
        value: function (u, v) { return v == null ? '–' : fmt(v) + ' ' + spec.unit; },
      });
    });
    var chart = { spec: spec, strip: strip, plot: plot, u: null };
    var opts = {
      width: Math.max(300, plot.clientWidth),
      height: HEIGHT,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
      cursor: { sync: { key: 'aftermath-report' } },
      scales: { x: { time: true }, y: yScale },
      axes: [
        { stroke: '#495057', grid: { stroke: '#e9ecef' }, ticks: { stroke: '#ced4da' }, values: timeTicks, space: 72 },
        {
          label: spec.unit,
          splits: spec.log ? decades : undefined,
          stroke: '#495057',
          size: 56,
          grid: { stroke: '#e9ecef' },
          ticks: { stroke: '#ced4da' },
          // uPlot passes null for splits it leaves unlabelled (crowded decades): no label there.
          values: function (u, vals) {
            return vals.map(function (v) { return v == null ? '' : fmt(v); });
          },
        },
      ],
      series: series,
      hooks: {
        drawClear: [drawBands(spec)],
        draw: [drawMarkers],
        setSize: [function () { if (chart.u) placeLabels(chart); }],
      },
    };
    chart.u = new uPlot(opts, [spec.x].concat(spec.series.map(function (s) { return s.values; })), plot);
    var canvas = plot.querySelector('canvas');
    if (canvas) {
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', spec.title + '. ' + spec.caption);
    }
    placeLabels(chart);
    charts.push(chart);
  }

  function resizeAll(width) {
    charts.forEach(function (c) {
      c.u.setSize({ width: width || Math.max(300, c.plot.clientWidth), height: HEIGHT });
    });
  }

  if (typeof uPlot === 'undefined') {
    root.setAttribute('data-charts', 'failed');
  } else {
    try {
      (data.charts || []).forEach(makeChart);
      root.setAttribute('data-charts', 'drawn');
      // Time to the first screen of charts, for the browser tests and benchmarks.
      if (window.performance && performance.mark) performance.mark('aftermath:charts-drawn');
    } catch (e) {
      root.setAttribute('data-charts', 'failed');
      if (window.console) console.error(e);
    }
  }

  var timer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { resizeAll(); }, 150);
  });
  // Print at the width of a page, then back: canvases do not reflow by themselves.
  window.addEventListener('beforeprint', function () { resizeAll(680); });
  window.addEventListener('afterprint', function () { resizeAll(); });

  // A marker or dot followed to its row: the row is highlighted (CSS :target) and focused.
  window.addEventListener('hashchange', function () {
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.tabIndex === -1) target.focus({ preventScroll: true });
  });

  var figures = Array.prototype.slice.call(document.querySelectorAll('figure.diagram'));
  if (figures.length === 0) {
    root.setAttribute('data-diagrams', 'none');
  } else if (typeof mermaid === 'undefined') {
    root.setAttribute('data-diagrams', 'source');
  } else {
    var nodes = figures.map(function (fig) {
      var code = fig.querySelector('code');
      var pre = fig.querySelector('pre');
      // Anything in the source that could open an HTML tag becomes Mermaid's own entity for '<'
      // (its <<annotations>> kept): Mermaid parses label HTML in the live page before sanitising.
      var source = (code ? code.textContent || '' : '').replace(/<<[A-Za-z]+>>|<(?=[A-Za-z/!?])/g, function (m) {
        return m.length > 1 ? m : '#lt;';
      });
      var box = el('div', 'mermaid', source);
      fig.insertBefore(box, fig.firstChild);
      var details = el('details', 'diagram-source');
      details.appendChild(el('summary', null, 'Diagram source'));
      if (pre) details.appendChild(pre);
      var caption = fig.querySelector('figcaption');
      if (caption) caption.textContent = 'Diagram';
      fig.appendChild(details);
      return box;
    });
    try {
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        // Labels as SVG text, never parsed as HTML: Mermaid puts HTML labels into the live page
        // (to measure them) before it sanitises them.
        htmlLabels: false,
        flowchart: { htmlLabels: false },
        theme: 'neutral',
        fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
      });
      mermaid
        .run({ nodes: nodes, suppressErrors: true })
        .then(function () {
          // Wide diagrams (a long timeline) keep their size and scroll rather than shrink
          // to unreadable; print scales them to the page again (CSS).
          nodes.forEach(function (box) {
            var svg = box.querySelector('svg');
            if (svg && svg.style.maxWidth) {
              svg.style.width = svg.style.maxWidth;
              svg.style.maxWidth = 'none';
            }
          });
          root.setAttribute('data-diagrams', 'drawn');
        })
        .catch(function () { root.setAttribute('data-diagrams', 'failed'); });
    } catch (e) {
      root.setAttribute('data-diagrams', 'failed');
    }
  }
})();
`;
