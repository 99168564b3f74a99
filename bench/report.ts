/**
 * Report generation on about a million events: the time of each stage (analysis, draft, render,
 * write), the peak memory of the whole process, and the size of the page, which must stay small
 * because it holds aggregated series, never raw events.
 *
 *   npx tsx bench/report.ts [--size 256MB] [--seed 1] [--bucket 10s] [--out bench/out/report.html]
 *
 * The evidence is the deterministic mixed set of bench/generate.ts (256 MB ≈ 1.2 million lines,
 * 1.15 million events), made once and reused from bench/data/. --bucket makes the series finer
 * (the analysis caps them at 4,096 buckets per source): the page's largest honest size.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseBucket } from '../src/analysis/buckets.js';
import { loadReportAssets } from '../src/cli/commands/report.js';
import { draftPostmortem } from '../src/document/draft/draft.js';
import { analyzeIncident } from '../src/pipeline/analyze-incident.js';
import { analysisToJson } from '../src/render/analysis-json.js';
import { renderReport } from '../src/render/html/index.js';
import { ensureMixed, MANIFEST, type Manifest } from './generate.js';
import { formatBytes, parseSize } from './generator/size.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '256MB' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: 'bench/out/report.html' },
      bucket: { type: 'string' },
    },
  });
  const { dir } = await ensureMixed(ROOT, parseSize(values.size), Number(values.seed));
  const files = (
    (JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest).files ?? []
  ).map((f) => join(dir, f.path));
  const out = resolve(values.out);
  await mkdir(dirname(out), { recursive: true });

  const t0 = performance.now();
  const bucketMs = values.bucket === undefined ? undefined : parseBucket(values.bucket);
  const result = await analyzeIncident(files, bucketMs === undefined ? {} : { bucketMs });
  const t1 = performance.now();
  const link = (file: string): string => relative(dirname(out), resolve(file));
  const markdown = draftPostmortem(result.analysis, { title: 'benchmark incident', link });
  const t2 = performance.now();
  const assets = await loadReportAssets({ mermaid: false });
  const json = analysisToJson(result.analysis);
  const page = renderReport({ analysis: json, document: { markdown }, options: { assets } });
  const t3 = performance.now();
  await writeFile(out, page);
  const t4 = performance.now();

  const events = result.analysis.sources.reduce((n, s) => n + s.events, 0);
  const data =
    /<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(page)?.[1] ?? '';
  const points = result.analysis.series.reduce((n, s) => n + s.points.length, 0);
  const rows: [string, string][] = [
    [
      'evidence',
      `${relative(ROOT, dir)} (${files.length} files, ${events.toLocaleString('en-US')} events)`,
    ],
    ['analysis', seconds(t1 - t0)],
    ['draft', seconds(t2 - t1)],
    ['render (assets, JSON, redaction, HTML)', seconds(t3 - t2)],
    ['write', seconds(t4 - t3)],
    ['total', seconds(t4 - t0)],
    ['peak RSS', `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`],
    ['report', `${formatBytes(Buffer.byteLength(page))} (${relative(ROOT, out)})`],
    [
      'of which chart data',
      `${formatBytes(Buffer.byteLength(data))} (${points.toLocaleString('en-US')} series points)`,
    ],
    [
      'of which uPlot',
      formatBytes(Buffer.byteLength(assets.uplotJs) + Buffer.byteLength(assets.uplotCss)),
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

await main();
