/**
 * The key moments as a swimlane: one lane per source, plus one for the document's own timeline
 * rows, drawn as SVG when the report is made (no script needed to read it, and it prints). Each
 * dot links to its row in the key-moments table, so it is reachable with the keyboard too.
 */
import { markup, type SafeHtml } from './escape.js';
import { clip, clock, dateTime, msOf } from './format.js';
import { kindColour, kindName, momentAnchor } from './markers.js';
import type { ReportAnalysis } from './types.js';

/** A row of the postmortem's timeline that has a time. */
export interface DocumentRow {
  ms: number;
  time: string;
  event: string;
}

interface Dot {
  ms: number;
  colour: string;
  label: string;
  title: string;
  href: string;
}

const WIDTH = 1000;
const GUTTER = 140;
const RIGHT = 16;
const AXIS = 26;
const LANE = 26;
const ROW = 14;
const MAX_ROWS = 3;
const CHAR = 6.1;

const STEPS = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400].map(
  (s) => s * 1000,
);

function ticks(from: number, to: number): { ms: number; text: string }[] {
  const step = STEPS.find((s) => (to - from) / s <= 10) ?? 86400000;
  const out: { ms: number; text: string }[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step)
    out.push({ ms: t, text: step < 60000 ? clock(t) : clock(t).slice(0, 5) });
  return out;
}

/** Greedy label rows: a label goes in the first row where it does not overlap the previous one. */
function placeLabels(xs: { x: number; width: number }[]): (number | undefined)[] {
  const rowEnds: number[] = [];
  return xs.map(({ x, width }) => {
    for (let r = 0; r < MAX_ROWS; r++) {
      if ((rowEnds[r] ?? -Infinity) + 6 <= x) {
        rowEnds[r] = x + width;
        return r;
      }
    }
    return undefined;
  });
}

function lane(
  name: string,
  dots: Dot[],
  top: number,
  xOf: (ms: number) => number,
  right: number,
): { svg: SafeHtml; height: number } {
  const sorted = [...dots].sort((a, b) => a.ms - b.ms);
  const boxes = sorted.map((d) => {
    const x = xOf(d.ms);
    const text = clip(d.label, 30);
    const width = text.length * CHAR;
    // Labels near the right edge end at their dot instead of starting there.
    const start = x + width > right ? x - width : x - 3;
    return { x: start, width, text };
  });
  const rows = placeLabels(boxes);
  const used = Math.max(0, ...rows.map((r) => (r === undefined ? 0 : r + 1)));
  const height = LANE + used * ROW;
  const mid = top + 12;
  const svg = markup`<g class="lane">
    <line x1="${GUTTER}" x2="${right}" y1="${mid}" y2="${mid}" class="lane-line" />
    <text x="${GUTTER - 8}" y="${mid + 4}" text-anchor="end" class="lane-name"
      >${name.length > 22 ? `…${name.slice(-21)}` : name}</text
    >
    ${sorted.map((d, i) => {
      const box = boxes[i];
      const row = rows[i];
      const x = xOf(d.ms);
      return markup`<a href="${d.href}" aria-label="${d.title}"
        ><title>${d.title}</title
        ><circle
          cx="${x.toFixed(1)}"
          cy="${mid}"
          r="5"
          fill="${d.colour}"
          stroke="#fff"
          stroke-width="1.5"
        />${
          box && row !== undefined
            ? markup`<text x="${box.x.toFixed(1)}" y="${mid + 17 + row * ROW}" class="dot-label"
                >${box.text}</text
              >`
            : ''
        }</a
      >`;
    })}
  </g>`;
  return { svg, height };
}

export function swimlane(a: ReportAnalysis, rows: readonly DocumentRow[]): SafeHtml {
  const times = a.moments.map((m) => msOf(m.ts)).filter((t): t is number => t !== undefined);
  const from = msOf(a.window?.from) ?? Math.min(...times, ...rows.map((r) => r.ms));
  const to = msOf(a.window?.to) ?? Math.max(...times, ...rows.map((r) => r.ms));
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from)
    return markup`<p class="empty">No key moment has a time: there is no timeline to draw.</p>`;
  const right = WIDTH - RIGHT;
  const xOf = (ms: number): number =>
    GUTTER + ((Math.min(Math.max(ms, from), to) - from) / (to - from)) * (right - GUTTER);
  const outside = (ms: number): string =>
    ms < from
      ? ' (before the window: drawn at its start)'
      : ms > to
        ? ' (after the window: drawn at its end)'
        : '';

  const bySource = new Map<string, Dot[]>();
  for (const s of a.sources) if (s.events > 0) bySource.set(s.source, []);
  a.moments.forEach((m, i) => {
    const ms = msOf(m.ts);
    if (ms === undefined) return;
    const dots = bySource.get(m.source) ?? [];
    bySource.set(m.source, dots);
    dots.push({
      ms,
      colour: kindColour(m.kind),
      label: m.kind === 'new_template' ? 'new pattern' : kindName(m.kind),
      title: `${dateTime(ms)} · ${m.source} · ${kindName(m.kind)}: ${m.title}${outside(ms)}`,
      href: `#${momentAnchor(i)}`,
    });
  });
  const lanes = [...bySource].filter(([, dots]) => dots.length > 0 || bySource.size <= 12);
  if (rows.length > 0)
    lanes.push([
      'postmortem',
      rows.map((r) => ({
        ms: r.ms,
        colour: '#343a40',
        label: r.event,
        title: `${r.time} · postmortem: ${r.event}${outside(r.ms)}`,
        href: '#postmortem',
      })),
    ]);

  const parts: SafeHtml[] = [];
  let top = AXIS;
  for (const [name, dots] of lanes) {
    const l = lane(name, dots, top, xOf, right);
    parts.push(l.svg);
    top += l.height;
  }
  const height = top + 4;
  const impactFrom = msOf(a.impact?.start);
  const impactTo = msOf(a.impact?.end);
  const band =
    impactFrom !== undefined && impactTo !== undefined && impactTo > impactFrom
      ? markup`<rect
          x="${xOf(impactFrom).toFixed(1)}"
          y="${AXIS - 6}"
          width="${(xOf(impactTo) - xOf(impactFrom)).toFixed(1)}"
          height="${height - AXIS + 6}"
          class="impact-band"
          ><title>impact ${clock(impactFrom)}–${clock(impactTo)} UTC</title></rect
        >`
      : '';
  const grid = ticks(from, to).map(
    (t) =>
      markup`<line
          x1="${xOf(t.ms).toFixed(1)}"
          x2="${xOf(t.ms).toFixed(1)}"
          y1="${AXIS - 6}"
          y2="${height}"
          class="grid"
        /><text x="${xOf(t.ms).toFixed(1)}" y="14" text-anchor="middle" class="tick"
          >${t.text}</text
        >`,
  );
  return markup`<svg
    class="swimlane"
    viewBox="0 0 ${WIDTH} ${height}"
    width="100%"
    role="group"
    aria-label="Key moments by source, ${dateTime(from)} to ${dateTime(to)}; each dot links to its row in the table below"
  >
    ${band}${grid}${parts}
  </svg>`;
}
