/**
 * The self-contained HTML report: one file a reviewer opens from an e-mail with no network.
 * Everything is inlined; a Content-Security-Policy lets only the page's own scripts run (by hash)
 * and forbids every fetch, so even markup that slipped through could neither run nor call out.
 */
import { createHash } from 'node:crypto';
import { makeRedactor, redactDeep } from '../redact.js';
import { readAnalysis } from './analysis-input.js';
import { chartsOf, type ChartSpec } from './chart-data.js';
import { CLIENT_JS } from './client.js';
import { metricChartsOf } from './metric-charts.js';
import { renderDocument, type RenderedDocument } from './document-html.js';
import { markup, jsonForScript, scriptText, trusted, type SafeHtml } from './escape.js';
import { findingsList } from './findings.js';
import { dateTime } from './format.js';
import { kindColour, kindName, markersOf, MARKER_KINDS } from './markers.js';
import { momentsTable } from './moments.js';
import { mttxBar } from './mttx.js';
import { overview } from './overview.js';
import { patternTables } from './patterns.js';
import { shortenSources } from './source-names.js';
import { REPORT_CSS } from './styles.js';
import { swimlane } from './swimlane.js';
import type { ReportFinding, ReportInput } from './types.js';

const SECTIONS = [
  ['overview', 'Overview'],
  ['mttx', 'MTTx'],
  ['charts', 'Charts'],
  ['timeline', 'Timeline'],
  ['errors', 'Errors'],
  ['postmortem', 'Postmortem'],
  ['findings', 'Lint findings'],
] as const;

type SectionId = (typeof SECTIONS)[number][0];

function section(id: SectionId, body: SafeHtml): SafeHtml {
  const title = SECTIONS.find(([s]) => s === id)?.[1] ?? id;
  return markup`<section id="${id}" aria-labelledby="h-${id}">
    <h2 id="h-${id}" tabindex="-1">${title}</h2>
    ${body}
  </section>`;
}

function chartFigure(c: ChartSpec): SafeHtml {
  return markup`<figure
    class="chart"
    id="chart-${c.id}"
    aria-labelledby="chart-${c.id}-title"
    aria-describedby="chart-${c.id}-desc"
  >
    <h3 id="chart-${c.id}-title">${c.title}</h3>
    <div class="marker-strip" role="group" aria-label="Markers: key moments on this chart"></div>
    <div class="plot" role="img" aria-label="${c.title}"></div>
    <figcaption class="chart-caption" id="chart-${c.id}-desc">${c.caption}</figcaption>
  </figure>`;
}

function chartsSection(charts: readonly ChartSpec[], kinds: readonly string[]): SafeHtml {
  if (charts.length === 0)
    return markup`<p class="empty">No event had a time: there is nothing to chart.</p>`;
  return markup`<noscript
      ><p class="noscript">
        The charts need JavaScript; every other part of the report reads without it.
      </p></noscript
    >
    ${
      kinds.length
        ? markup`<ul class="legend-keys" aria-label="Marker kinds">
            ${kinds.map((k) => markup`<li><span class="swatch" style="--c:${kindColour(k)}"></span>${kindName(k)}</li>`)}
          </ul>`
        : ''
    }
    ${charts.map(chartFigure)}`;
}

function postmortemSection(doc: RenderedDocument | undefined, mermaidInlined: boolean): SafeHtml {
  if (!doc) return markup`<p class="empty">No postmortem document was given.</p>`;
  const note =
    doc.hasDiagrams && !mermaidInlined
      ? markup`<p class="empty">
          This report was made without Mermaid: its diagrams show as their source.
        </p>`
      : '';
  return markup`${note}
    <article class="document">${trusted(doc.html)}</article>`;
}

const sha256 = (text: string): string =>
  `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * @example
 * const page = renderReport({
 *   analysis: analysisToJson(analysis),
 *   document: { markdown: draft },
 *   options: { assets: { uplotJs, uplotCss } },
 * });
 */
export function renderReport(input: ReportInput): string {
  const { options } = input;
  const redact = options.redact === false ? (s: string) => s : (options.redact ?? makeRedactor());
  const { analysis, folder } = shortenSources(redactDeep(readAnalysis(input.analysis), redact));
  const doc = input.document ? renderDocument(redact(input.document.markdown)) : undefined;
  const findings: ReportFinding[] | undefined = input.findings?.map((f) => ({
    ...f,
    message: redact(f.message),
  }));
  const title = redact(options.title ?? input.document?.title ?? doc?.title ?? 'Incident report');

  const charts = [...chartsOf(analysis), ...metricChartsOf(analysis)];
  const markers = markersOf(analysis.moments);
  const kinds = MARKER_KINDS.filter((k) => markers.some((m) => m.kind === k));
  const mermaidJs = doc?.hasDiagrams ? options.assets.mermaidJs : undefined;

  const scripts = [
    scriptText(options.assets.uplotJs),
    ...(mermaidJs ? [scriptText(mermaidJs)] : []),
    scriptText(CLIENT_JS),
  ];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const generated = options.generatedAt ?? new Date();

  // Inlined assets go in byte for byte: the policy allows each script by the hash of its text.
  const inline = (tag: 'style' | 'script', text: string): SafeHtml =>
    trusted(`<${tag}>${text}</${tag}>\n`);
  const page = markup`<!doctype html>
<html lang="en" data-charts="pending">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="aftermath">
<title>${title}</title>
${inline('style', options.assets.uplotCss)}${inline('style', REPORT_CSS)}</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header class="report-head">
  <h1>${title}</h1>
  <p class="subtitle">Incident report drawn from the evidence by aftermath. All times UTC.</p>
</header>
<nav class="toc" aria-label="Sections">
  <ol>${SECTIONS.map(([id, name]) => markup`<li><a href="#${id}">${name}</a></li>`)}</ol>
</nav>
<main id="main">
${section('overview', overview(analysis, folder))}
${section('mttx', mttxBar(analysis.mttx))}
${section('charts', chartsSection(charts, kinds))}
${section('timeline', markup`${swimlane(analysis, doc?.rows ?? [])}${momentsTable(analysis.moments)}`)}
${section('errors', patternTables(analysis))}
${section('postmortem', postmortemSection(doc, mermaidJs !== undefined))}
${section('findings', findingsList(findings))}
</main>
<footer>
  Generated by aftermath on ${dateTime(generated.getTime())}.
  ${options.redact === false ? 'Redaction was turned off: log text is shown as it was written.' : 'Secrets (tokens, keys, passwords) were redacted before rendering.'}
  Log text is shown as text, never as markup.
</footer>
${trusted(`<script type="application/json" id="report-data">${jsonForScript({ charts, markers })}</script>\n`)}${scripts.map((s) => inline('script', s))}</body>
</html>
`;
  return page.value;
}
