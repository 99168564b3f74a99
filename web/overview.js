/* global window */
// The zoomable overview: events per time bin, stacked by level, on a canvas. Drag to zoom into a
// span, wheel to zoom around the pointer, shift+wheel or the arrow keys to pan, click to jump.
import { el } from './dom.js';

const COLOURS = {
  trace: '#ced4da',
  debug: '#adb5bd',
  info: '#74c0fc',
  notice: '#4dabf7',
  warn: '#ffa94d',
  error: '#fa5252',
  critical: '#c92a2a',
  fatal: '#862e9c',
};
const ORDER = Object.keys(COLOURS);
const HEIGHT = 120;
const AXIS = 16;

function label(ms, span) {
  const iso = new Date(ms).toISOString();
  if (span > 2 * 86_400_000) return iso.slice(5, 16).replace('T', ' ');
  return span > 600_000 ? iso.slice(11, 16) : iso.slice(11, 19);
}

/**
 * @param {{ onView: (from: number, to: number, kind: string) => void, onPick: (ms: number) => void }} opts
 */
export function overview(opts) {
  const canvas = el('canvas', {
    class: 'overview',
    tabindex: '0',
    role: 'img',
    'aria-label': 'Events over time',
    'aria-describedby': 'overview-help',
  });
  const help = el(
    'p',
    { id: 'overview-help', class: 'muted' },
    'Drag to zoom into a span, wheel to zoom, Shift+wheel or ←/→ to pan, +/− to zoom, click to jump the list to a time.',
  );
  let data = null;
  let view = { from: 0, to: 1 };
  let extent = { from: 0, to: 1 };
  let drag = null;

  const width = () => canvas.clientWidth || 900;
  const toMs = (x) => view.from + (x / width()) * (view.to - view.from);

  function draw() {
    const dpr = window.devicePixelRatio || 1;
    const w = width();
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(HEIGHT * dpr);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, HEIGHT);
    if (!data) return;
    const plotH = HEIGHT - AXIS;
    const levels = ORDER.filter((l) => data.levels[l]);
    let max = 1;
    for (let b = 0; b < data.bins; b++) {
      let sum = 0;
      for (const l of levels) sum += data.levels[l][b];
      if (sum > max) max = sum;
    }
    const bw = w / data.bins;
    for (let b = 0; b < data.bins; b++) {
      let y = plotH;
      for (const l of levels) {
        const h = (data.levels[l][b] / max) * (plotH - 4);
        if (h <= 0) continue;
        ctx.fillStyle = COLOURS[l];
        ctx.fillRect(b * bw, y - h, Math.max(1, bw - 0.5), h);
        y -= h;
      }
    }
    ctx.fillStyle = '#495057';
    ctx.font = '11px sans-serif';
    ctx.fillText(`max ${max}/bin`, 4, 11);
    const span = data.to - data.from;
    const ticks = Math.max(2, Math.floor(w / 110));
    for (let i = 0; i <= ticks; i++) {
      const x = (i / ticks) * w;
      ctx.fillRect(x, plotH, 1, 4);
      const text = label(data.from + (i / ticks) * span, span);
      const tw = ctx.measureText(text).width;
      ctx.fillText(text, Math.min(Math.max(0, x - tw / 2), w - tw), HEIGHT - 2);
    }
    if (drag && drag.moved) {
      ctx.fillStyle = 'rgba(25, 113, 194, 0.2)';
      ctx.fillRect(Math.min(drag.x0, drag.x1), 0, Math.abs(drag.x1 - drag.x0), plotH);
    }
    canvas.setAttribute(
      'aria-label',
      `Events over time, ${new Date(data.from).toISOString()} to ${new Date(data.to).toISOString()}: ${data.total} events`,
    );
  }

  /** Keeps the view inside the case's extent and at least a second wide. */
  function setView(from, to, kind) {
    const span = Math.max(1000, Math.min(to - from, extent.to - extent.from));
    let f = Math.max(extent.from, from);
    if (f + span > extent.to) f = extent.to - span;
    view = { from: f, to: f + span };
    opts.onView(view.from, view.to, kind);
  }

  function zoom(factor, atX) {
    const at = toMs(atX);
    setView(at - (at - view.from) * factor, at + (view.to - at) * factor, 'zoom');
  }
  function pan(fraction) {
    const d = (view.to - view.from) * fraction;
    setView(view.from + d, view.to + d, 'pan');
  }

  const xOf = (e) => e.clientX - canvas.getBoundingClientRect().left;
  canvas.addEventListener('pointerdown', (e) => {
    drag = { x0: xOf(e), x1: xOf(e), moved: false };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drag) return;
    drag.x1 = xOf(e);
    drag.moved = drag.moved || Math.abs(drag.x1 - drag.x0) > 4;
    if (drag.moved) draw();
  });
  canvas.addEventListener('pointerup', () => {
    if (!drag) return;
    const d = drag;
    drag = null;
    if (d.moved) setView(toMs(Math.min(d.x0, d.x1)), toMs(Math.max(d.x0, d.x1)), 'zoom');
    else opts.onPick(toMs(d.x0));
  });
  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY))
        pan(((e.shiftKey ? e.deltaY : e.deltaX) > 0 ? 1 : -1) * 0.2);
      else zoom(e.deltaY > 0 ? 1.5 : 1 / 1.5, xOf(e));
    },
    { passive: false },
  );
  canvas.addEventListener('keydown', (e) => {
    const actions = {
      ArrowLeft: () => pan(-0.2),
      ArrowRight: () => pan(0.2),
      '+': () => zoom(1 / 1.5, width() / 2),
      '=': () => zoom(1 / 1.5, width() / 2),
      '-': () => zoom(1.5, width() / 2),
      0: () => setView(extent.from, extent.to, 'zoom'),
    };
    const act = actions[e.key];
    if (act) {
      e.preventDefault();
      act();
    }
  });

  const button = (text, label, onclick) =>
    el('button', { type: 'button', 'aria-label': label, onclick }, text);
  const controls = el(
    'div',
    { class: 'timeline-bar', role: 'group', 'aria-label': 'Overview zoom and pan' },
    button('◀', 'Pan earlier', () => pan(-0.5)),
    button('+', 'Zoom in', () => zoom(1 / 2, width() / 2)),
    button('−', 'Zoom out', () => zoom(2, width() / 2)),
    button('▶', 'Pan later', () => pan(0.5)),
    button('Whole case', 'Show the whole case', () => setView(extent.from, extent.to, 'zoom')),
  );

  return {
    element: el('div', {}, canvas, controls, help),
    canvas,
    /** The case's whole span, and the part shown first (all of it by default). */
    setExtent(from, to, first) {
      extent = { from, to: Math.max(to, from + 1000) };
      view = first
        ? { from: first.from, to: Math.max(first.to, first.from + 1000) }
        : { ...extent };
    },
    get view() {
      return view;
    },
    /** @param {any} histogram the API's histogram */
    show(histogram) {
      data = histogram;
      draw();
    },
    redraw: draw,
  };
}
