/**
 * Template-mining benchmarks on the Loghub 2k datasets (../shared/datasets/loghub-2k).
 *
 *   npm run bench:templates                       # accuracy of the CLI on the raw logs
 *   npm run bench:templates -- --content          # accuracy of the miner on the Content column
 *   npm run bench:templates -- --details Linux    # the groups it gets wrong, with the library
 *   DRAIN3_DIR=… npm run bench:templates -- --speed [--runs 3] [--copies 10]
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluate, explain, type AccuracyRow } from './accuracy.js';
import { DEFAULT_DATASETS, findDatasets } from './datasets.js';
import { runSpeed } from './speed.js';

const { values } = parseArgs({
  options: {
    content: { type: 'boolean', default: false },
    details: { type: 'string' },
    only: { type: 'string' },
    dir: { type: 'string', default: process.env.LOGHUB_2K_DIR ?? DEFAULT_DATASETS },
    speed: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    copies: { type: 'string', default: '10' },
    drain3: { type: 'string', default: process.env.DRAIN3_DIR },
    json: { type: 'boolean', default: false },
  },
});

const dir = values.dir;
if (!existsSync(dir)) {
  console.log(`Loghub 2k datasets not found at ${dir}: nothing to measure (set LOGHUB_2K_DIR).`);
  process.exit(0);
}
const only = values.only?.split(',');
const datasets = findDatasets(dir, values.details ? [values.details] : only);
if (datasets.length === 0) {
  console.log(`No Loghub 2k dataset under ${dir}: nothing to measure.`);
  process.exit(0);
}

const pct = (x: number): string => x.toFixed(3);

function table(rows: AccuracyRow[], content: boolean): string {
  const head = ['system', 'GA', 'FGA', 'Drain GA', 'GA ≥ Drain', 'templates', 'true'];
  if (!content) head.push('message = Content');
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  for (const r of rows) {
    const cells = [
      r.system,
      pct(r.ga),
      pct(r.fga),
      pct(r.drain),
      r.ga >= r.drain ? 'yes' : 'no',
      String(r.predicted),
      String(r.truth),
    ];
    if (!content) cells.push(`${((r.contentMatch ?? 0) * 100).toFixed(1)} %`);
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const mean = (f: (r: AccuracyRow) => number): string =>
    pct(rows.reduce((a, r) => a + f(r), 0) / rows.length);
  lines.push(
    `| **mean** | **${mean((r) => r.ga)}** | **${mean((r) => r.fga)}** | ${mean((r) => r.drain)} | | | |${content ? '' : ' |'}`,
  );
  return lines.join('\n');
}

if (values.speed) {
  await runSpeed({
    datasets,
    runs: Number(values.runs),
    copies: Number(values.copies),
    ...(values.drain3 ? { drain3: values.drain3 } : {}),
  });
} else if (values.details) {
  console.log(explain(datasets[0]!));
} else {
  const rows = datasets.map((d) => evaluate(d, values.content));
  if (values.json) console.log(JSON.stringify(rows, null, 2));
  else {
    console.log(
      values.content
        ? 'Miner on the Content column of *_structured.csv (library, no log parsing):\n'
        : 'aftermath templates --per-line --json on the raw *_2k.log files:\n',
    );
    console.log(table(rows, values.content));
  }
}
