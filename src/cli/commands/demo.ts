/** `aftermath demo` (what `npm start` runs): the pipeline on the bundled example incident. */
import { Command } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join, relative, resolve } from 'node:path';
import pc from 'picocolors';
import { draftPostmortem } from '../../document/draft/draft.js';
import { lintText } from '../../lint/linter.js';
import { REPORTERS } from '../../lint/reporters/index.js';
import { RULES } from '../../lint/rules/index.js';
import { analysisToJson } from '../../render/analysis-json.js';
import { renderReport } from '../../render/html/index.js';
import { makeRedactor } from '../../render/redact.js';
import { lintFindings, loadReportAssets } from './report.js';
import { analyzeIncident } from '../../pipeline/analyze-incident.js';
import { renderAnalysis } from '../../render/analysis-text.js';
import { renderSources } from '../../render/sources.js';
import { Output, useColour } from '../io.js';
import { readableExitCode } from './timeline.js';

/** The example incident shipped in the package. */
export function exampleDir(): string {
  return fileURLToPath(new URL('../../../examples/pool-exhaustion', import.meta.url));
}

export async function runDemo(dir = exampleDir(), out = new Output()): Promise<number> {
  const shown = relative(process.cwd(), dir) || '.';
  const result = await analyzeIncident([shown]);
  const title = result.caseConfig?.title ?? 'example incident';
  const total = result.analysis.sources.reduce((n, s) => n + s.events, 0);
  const colour = useColour();
  await out.write(`aftermath demo: ${title}\nevidence in ${shown}\n\n`);
  await out.write('SOURCES\n' + renderSources(result.sources) + '\n');
  // Metric answers are not log lines: they get their own rows, one per file.
  const byFile = new Map<string, { source: string; series: number; samples: number }>();
  for (const m of result.analysis.metrics) {
    const row = byFile.get(m.file) ?? { source: m.source, series: 0, samples: 0 };
    row.series++;
    row.samples += m.samples;
    byFile.set(m.file, row);
  }
  if (byFile.size > 0) {
    await out.write('METRICS (Prometheus query_range answers)\n');
    for (const [file, r] of byFile)
      await out.line(
        `${r.source.padEnd(18)} ${String(r.series).padStart(3)} series  ${String(r.samples).padStart(6)} samples  ${file}`,
      );
    await out.write('\n');
  }
  await out.write(
    `MERGED TIMELINE (UTC): ${total} events from ${result.sources.length} sources${byFile.size > 0 ? ` and ${byFile.size} metric files` : ''}, analysed:\n\n`,
  );
  await out.write(
    renderAnalysis(result.analysis, title, {
      markdown: false,
      bold: colour ? pc.bold : (s) => s,
      dim: colour ? pc.dim : (s) => s,
    }),
  );
  // The draft goes next to nothing of the user's: a folder of its own under the temp dir.
  const outDir = join(tmpdir(), 'aftermath-demo');
  await mkdir(outDir, { recursive: true });
  const draftFile = join(outDir, 'postmortem.md');
  const draft = draftPostmortem(result.analysis, {
    title,
    link: (f) => relative(outDir, resolve(f)).split('\\').join('/'),
  });
  await writeFile(draftFile, draft);
  await out.write(`\nThe postmortem, drafted from this evidence: ${draftFile}\n`);
  // What the linter says of the draft: what people still have to write.
  const linted = lintText(draft, { source: draftFile });
  await out.write(
    `\nLINT (what is left for people to write)\n` +
      REPORTERS.stylish!.render([linted], { cwd: process.cwd(), rules: RULES, color: colour }),
  );
  // The report: charts, timeline and the draft in one page that opens with no network.
  const reportFile = join(outDir, 'report.html');
  await writeFile(
    reportFile,
    renderReport({
      analysis: analysisToJson(result.analysis),
      document: { markdown: draft },
      findings: lintFindings(draft, draftFile),
      options: {
        assets: await loadReportAssets({ mermaid: false }),
        redact: makeRedactor(),
        title,
      },
    }),
  );
  await out.write(`\nThe report (open it in a browser; it needs no network): ${reportFile}\n`);
  await out.write(
    `\nNext:\n` +
      `  node bin/aftermath.js draft ${shown} -o postmortem.md   # draft it where you want it\n` +
      `  node bin/aftermath.js lint postmortem.md --format sarif > lint.sarif\n` +
      `  node bin/aftermath.js report ${shown} --document postmortem.md -o report.html\n` +
      `  node bin/aftermath.js serve ${shown}    # the web workspace on http://127.0.0.1:4173\n` +
      `  node bin/aftermath.js analyze ${shown} --json | jq '.moments[] | {kind, ts, title}'\n` +
      `  node bin/aftermath.js timeline ${shown} --since "2026-11-22 19:40:36" --until +10s\n` +
      `  node bin/aftermath.js timeline ${shown} --level error --format md | head\n` +
      `  node bin/aftermath.js templates ${shown}/postgres/postgresql.log --top 10\n` +
      `  node bin/aftermath.js sources ${shown} --json\n`,
  );
  return readableExitCode(result.sources);
}

export function demoCommand(): Command {
  return new Command('demo')
    .summary('run aftermath on the bundled example incident (what `npm start` does)')
    .description(
      'Reads the example incident shipped with aftermath (examples/pool-exhaustion: nginx, the app, ' +
        'PostgreSQL, Alertmanager and git), prints its sources and the analysis of the merged timeline ' +
        '(what changed and when, the impact, MTTx, the error types and new patterns), drafts the ' +
        'postmortem, lints it, and writes the HTML report, into a folder under the temporary folder.',
    )
    .action(async () => {
      process.exitCode = await runDemo();
    });
}
