/** The report's stylesheet: system fonts (nothing to fetch), readable on screen and printed to PDF. */
export const REPORT_CSS = `
:root {
  --fg: #212529; --muted: #5c636a; --line: #dee2e6; --bg: #fff; --soft: #f8f9fa; --accent: #1971c2;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { color: var(--fg); background: var(--bg); font: 15px/1.5 var(--font); scroll-padding-top: 3.5rem; }
body { margin: 0; }
a { color: var(--accent); }
a:focus-visible, summary:focus-visible, [tabindex]:focus-visible { outline: 3px solid #fab005; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
header.report-head { padding: 1.5rem 2rem 1rem; border-bottom: 1px solid var(--line); background: var(--soft); }
header.report-head h1 { margin: 0 0 .25rem; font-size: 1.6rem; line-height: 1.25; }
.subtitle { color: var(--muted); margin: 0; }
nav.toc { position: sticky; top: 0; z-index: 5; background: rgba(255,255,255,.96); border-bottom: 1px solid var(--line); padding: .4rem 2rem; }
nav.toc ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
nav.toc a { text-decoration: none; font-weight: 500; }
main { padding: 0 2rem 2rem; max-width: 1200px; }
section { padding-top: 1.25rem; }
section > h2 { font-size: 1.3rem; margin: .5rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h2:focus { outline: none; }
.cards { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem; min-width: 9.5rem; background: var(--bg); }
.card-value { font-size: 1.3rem; font-weight: 600; }
.card-label { color: var(--muted); font-size: .85rem; }
.card-note { color: var(--muted); font-size: .8rem; }
.window { margin: .25rem 0; }
.source { font-family: var(--mono); font-size: .9em; }
.empty { color: var(--muted); font-style: italic; }
figure { margin: 0; }
.chart { margin: 0 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
.chart h3 { font-size: 1rem; margin: 0 0 .25rem; }
.chart-caption { color: var(--muted); font-size: .85rem; margin-top: .25rem; }
.marker-strip { position: relative; height: 0; margin-left: 0; overflow: visible; }
.marker-label { position: absolute; white-space: nowrap; font-size: 11.5px; line-height: 16px; padding: 0 4px;
  border-left: 2px solid; background: rgba(255,255,255,.92); color: var(--fg); text-decoration: none; }
.marker-label.flip { border-left: 0; border-right: 2px solid; }
.marker-label:hover { text-decoration: underline; }
.plot { width: 100%; min-height: 220px; }
.uplot { font-family: var(--font); }
.uplot .u-legend { font-size: 12px; text-align: left; }
.legend-keys { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: .5rem 0; font-size: .85rem; }
.swatch { display: inline-block; width: .7em; height: .7em; border-radius: 50%; background: var(--c); margin-right: .35em; vertical-align: baseline; }
.swimlane { display: block; max-width: 100%; height: auto; font-family: var(--font); }
.swimlane .lane-line { stroke: #ced4da; stroke-width: 1; }
.swimlane .grid { stroke: #f1f3f5; stroke-width: 1; }
.swimlane .tick { font-size: 11px; fill: var(--muted); }
.swimlane .lane-name { font-size: 12px; fill: var(--fg); font-family: var(--mono); }
.swimlane .dot-label { font-size: 10.5px; fill: #343a40; }
.swimlane .impact-band { fill: rgba(224, 49, 49, 0.07); }
.swimlane a:focus circle, .swimlane a:hover circle { stroke: #fab005; stroke-width: 3; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0 1.25rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.nowrap { white-space: nowrap; }
.evidence { font-family: var(--mono); font-size: .78rem; color: var(--muted); overflow-wrap: anywhere; }
code, pre { font-family: var(--mono); font-size: .88em; }
code.template { white-space: pre-wrap; word-break: break-word; }
tr:target { background: #fff3bf; }
tr:target td:first-child { box-shadow: inset 4px 0 #fab005; }
.activity { width: 8rem; height: 10px; display: block; }
.activity-track { fill: #e9ecef; }
.activity-span { fill: #e8590c; }
.sparkline-line { stroke: #e8590c; stroke-width: 1.5; }
.mttx-bar { display: flex; width: 100%; height: 2.2rem; border-radius: 6px; overflow: hidden; border: 1px solid var(--line); margin: .75rem 0 .5rem; }
.seg { flex: 0 1 auto; min-width: 6.5rem; background: var(--seg); color: #fff; font-size: .8rem; display: flex; align-items: center; padding: 0 .4rem; min-width: 2px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; border-right: 2px solid #fff; }
.seg span { overflow: hidden; text-overflow: ellipsis; }
.seg-gap { background-image: repeating-linear-gradient(135deg, transparent 0 6px, rgba(255,255,255,.25) 6px 12px); }
.seg-unknown { flex: 1 0 8rem; background: repeating-linear-gradient(135deg, #f1f3f5 0 6px, #e9ecef 6px 12px); color: var(--muted); }
.mttx-note { color: var(--muted); font-size: .85rem; margin: 0; }
.mttx-stages { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .5rem; }
.stage { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .6rem; font-size: .85rem; }
.stage-name { display: block; font-weight: 600; text-transform: capitalize; }
.stage-time { display: block; }
.stage-how { display: block; color: var(--muted); font-size: .8rem; overflow-wrap: anywhere; }
.stage.unknown { border-style: dashed; color: var(--muted); }
.stage.unknown .stage-time { font-style: italic; }
.document { max-width: 60rem; }
.document table { font-size: .85rem; }
.document pre { background: var(--soft); padding: .6rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
.document img { max-width: 100%; }
figure.diagram { border: 1px solid var(--line); border-radius: 6px; padding: .5rem; margin: 1rem 0; break-inside: avoid; }
.diagram-note { color: var(--muted); font-size: .8rem; }
.mermaid { overflow-x: auto; }
.mermaid svg { height: auto; }
.findings .sev { font-weight: 600; text-transform: uppercase; font-size: .75rem; }
.sev-error .sev { color: #c92a2a; }
.sev-warning .sev { color: #e67700; }
.sev-info .sev { color: var(--muted); }
.gaps { margin: .5rem 0; color: var(--muted); }
footer { color: var(--muted); font-size: .8rem; padding: 1rem 2rem 2rem; border-top: 1px solid var(--line); }
.noscript { background: #fff3bf; padding: .5rem; }
@media (max-width: 700px) { main, header.report-head, nav.toc, footer { padding-left: 1rem; padding-right: 1rem; } }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html { font-size: 10.5pt; }
  nav.toc, .skip, .diagram-source, .uplot .u-legend { display: none !important; }
  header.report-head { background: none; padding: 0 0 .5rem; }
  main { padding: 0; max-width: none; }
  section { break-before: auto; }
  section > h2 { break-after: avoid; }
  .chart, figure, .swimlane, .mttx-bar, .mttx-stages, .card, tr { break-inside: avoid; page-break-inside: avoid; }
  .legend-keys, caption, thead { break-after: avoid; }
  .mermaid svg { width: 100% !important; max-width: 100% !important; }
  a { color: inherit; text-decoration: none; }
  .marker-label { background: #fff; }
  .seg, .swatch, .activity-span, .seg-unknown { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr:target { background: none; }
  footer { border: 0; padding: .5rem 0 0; }
}
`;
