/** `aftermath templates`: the message templates of each source, mined one source at a time. */
import { Command } from 'commander';
import { TemplateMiner, type Cluster, type Overflow } from '../../analysis/templates/index.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { UsageError } from '../../errors.js';
import { readSource } from '../../ingest/read-source.js';
import type { SourceSpec, SourceSummary } from '../../ingest/source.js';
import { resolveTimelineSources } from '../../ingest/timeline.js';
import { renderTable } from '../../render/table.js';
import { ClosedPipe, Output, printDiagnostics } from '../io.js';
import {
  evidenceOptions,
  filterOptions,
  parseEvidenceFlags,
  type EvidenceFlags,
  type EvidenceOptions,
} from '../options.js';
import { readableExitCode } from './timeline.js';

interface Flags extends EvidenceFlags {
  json?: boolean;
  perLine?: boolean;
  top?: string;
  verbose?: boolean;
}

/** What mining one source gave: its files (rotated logs have several, oldest first), one miner. */
interface Mined {
  summaries: SourceSummary[];
  miner: TemplateMiner;
  events: number;
}

/** Per-event cluster ids and line numbers, 8 bytes an event, for `--per-line`. */
class PerLine {
  ids: Int32Array = new Int32Array(1 << 14);
  lines: Int32Array = new Int32Array(1 << 14);
  length = 0;
  push(id: number, line: number): void {
    if (this.length === this.ids.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.ids = grow(this.ids);
      this.lines = grow(this.lines);
    }
    this.ids[this.length] = id;
    this.lines[this.length++] = line;
  }
}

/**
 * Reads one source through its own miner (templates of different logs do not mix); the files of a
 * rotated log share one. `perLine` gets one list per file.
 */
async function mine(
  specs: readonly SourceSpec[],
  options: EvidenceOptions,
  perLine: PerLine[] | undefined,
): Promise<Mined> {
  const miner = new TemplateMiner();
  const summaries: SourceSummary[] = [];
  let events = 0;
  for (const spec of specs) {
    const opened = readSource(spec, { filter: options.filter });
    const where = { file: spec.path, line: 0 };
    const per = perLine ? new PerLine() : undefined;
    for await (const batch of opened.events) {
      for (let i = 0; i < batch.length; i++) {
        const e = batch[i]!;
        where.line = e.line;
        const c = miner.add(e.message, e.ts, where);
        per?.push(c.id, e.line);
      }
      events += batch.length;
    }
    summaries.push(opened.summary);
    if (per) perLine!.push(per);
  }
  return { summaries, miner, events };
}

/** Specs by source name, in order of first appearance: a rotated log's files come together. */
function bySource(specs: readonly SourceSpec[]): SourceSpec[][] {
  const groups = new Map<string, SourceSpec[]>();
  for (const s of specs) {
    const g = groups.get(s.name);
    if (g) g.push(s);
    else groups.set(s.name, [s]);
  }
  return [...groups.values()];
}

const iso = (ms: number | undefined): string | null =>
  ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();

function clusterJson(c: Cluster): Record<string, unknown> {
  return {
    id: c.id,
    template: c.template,
    count: c.count,
    firstTs: iso(c.firstTs),
    lastTs: iso(c.lastTs),
    first: c.first ?? null,
    examples: c.examples,
    sample: c.sample,
  };
}

function overflowJson(o: Overflow): Record<string, unknown> {
  return { count: o.count, firstTs: iso(o.firstTs), example: o.example ?? null };
}

/** The summary that speaks for the source: its first file that could be read. */
const lead = (m: Mined): SourceSummary => m.summaries.find((s) => !s.skipped) ?? m.summaries[0]!;

function sourceJson(m: Mined, top: number): Record<string, unknown> {
  const clusters = m.miner.clusters();
  const s = lead(m);
  return {
    source: s.source,
    file: s.file,
    ...(m.summaries.length > 1 ? { files: m.summaries.map((f) => f.file) } : {}),
    format: s.format ?? null,
    ...(s.skipped ? { skipped: s.skipped } : {}),
    events: m.events,
    templateCount: clusters.length,
    templates: clusters.slice(0, top).map(clusterJson),
    overflow: overflowJson(m.miner.overflow),
  };
}

const shortTime = (ms: number | undefined): string =>
  ms === undefined || !Number.isFinite(ms)
    ? '-'
    : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

function sourceTable(m: Mined, top: number): string {
  const s = lead(m);
  if (s.skipped) return `${s.source}: not read (${s.skipped})\n`;
  const clusters = m.miner.clusters();
  const files = m.summaries.length > 1 ? ` from ${m.summaries.length} rotated files` : '';
  const head = `${s.source} (${s.format}): ${m.events} events${files}, ${clusters.length} templates`;
  if (clusters.length === 0) return `${head}\n`;
  const shown = clusters.slice(0, top);
  const rows = shown.map((c) => [String(c.count), `#${c.id}`, shortTime(c.firstTs), c.template]);
  let text =
    `${head}\n` +
    renderTable(
      [
        { header: 'COUNT', align: 'right' },
        { header: 'ID', align: 'right' },
        { header: 'FIRST SEEN (UTC)' },
        { header: 'TEMPLATE' },
      ],
      rows,
    );
  if (clusters.length > shown.length)
    text += `… ${clusters.length - shown.length} more templates (--top ${clusters.length} to list them all)\n`;
  const o = m.miner.overflow;
  if (o.count > 0) text += `${o.count} events over the template limit were not grouped\n`;
  return text;
}

/** One JSON line per event, in file order, each with its cluster's final template. */
async function writePerLine(
  m: Mined,
  perFile: readonly PerLine[],
  out: Output,
  json: boolean,
): Promise<void> {
  // Every event of a cluster shares the same tail: made once per cluster.
  const tails: (string | undefined)[] = [];
  const tailOf = (id: number): string => {
    let t = tails[id];
    if (t === undefined) {
      const template = id === 0 ? null : m.miner.cluster(id)!.template;
      t = json
        ? `,"templateId":${id},"template":${JSON.stringify(template)}}`
        : `\t#${id}\t${template ?? '(over the template limit)'}`;
      tails[id] = t;
    }
    return t;
  };
  for (const [k, per] of perFile.entries()) {
    const { file, source } = m.summaries[k]!;
    const head = json
      ? `{"source":${JSON.stringify(source)},"file":${JSON.stringify(file)},"line":`
      : `${file}:`;
    for (let i = 0; i < per.length; i++) await out.line(head + per.lines[i]! + tailOf(per.ids[i]!));
  }
}

export async function runTemplates(
  paths: string[],
  flags: Flags,
  out = new Output(),
): Promise<number> {
  const options = parseEvidenceFlags(flags);
  let top = flags.json ? Infinity : 20;
  if (flags.top !== undefined) {
    top = Number(flags.top);
    if (!(Number.isInteger(top) && top >= 0))
      throw new UsageError(`--top: expected a whole number of templates, got "${flags.top}"`);
  }
  try {
    return await mineAll(paths, flags, options, top, out);
  } catch (err) {
    // `| head` closed the pipe: what was wanted has been written.
    if (err instanceof ClosedPipe) return 0;
    throw err;
  }
}

async function mineAll(
  paths: string[],
  flags: Flags,
  options: EvidenceOptions,
  top: number,
  out: Output,
): Promise<number> {
  const resolved = await resolveTimelineSources(paths, options);
  // Sources are mined and written one after the other: only one miner is alive at a time.
  const summaries: SourceSummary[] = [];
  const json: Record<string, unknown>[] = [];
  for (const specs of bySource(resolved.specs)) {
    const per: PerLine[] | undefined = flags.perLine ? [] : undefined;
    const m = await mine(specs, options, per);
    if (per) await writePerLine(m, per, out, flags.json === true);
    else if (flags.json) json.push(sourceJson(m, top));
    else await out.write(`${summaries.length > 0 ? '\n' : ''}${sourceTable(m, top)}`);
    summaries.push(...m.summaries);
  }
  await out.flush();
  const diagnostics: Diagnostic[] = [
    ...resolved.diagnostics,
    ...summaries.flatMap((s) => s.diagnostics),
  ];
  if (flags.json && !flags.perLine) {
    await out.write(
      JSON.stringify(
        { sources: json, diagnostics: diagnostics.map(({ cause: _c, ...d }) => d) },
        null,
        2,
      ),
    );
  } else printDiagnostics(diagnostics, flags.verbose);
  return readableExitCode(summaries);
}

export function templatesCommand(): Command {
  const cmd = new Command('templates')
    .summary('mine the message templates of each log: what kinds of lines, how many, since when')
    .description(
      'Groups the messages of each source into templates, with <*> for the parts that vary (numbers, ' +
        'ids, IPs, paths, URLs, times, sizes, durations, host names, e-mail addresses), and lists them ' +
        'by count with the time each was first seen. Each source is mined on its own; the miner is ' +
        'the same for every log (no per-log settings). See docs/templates.md.',
    )
    .argument('<paths...>', 'log files, folders, git repositories, a case folder, or - for stdin');
  for (const o of [...evidenceOptions(), ...filterOptions()]) cmd.addOption(o);
  cmd
    .option('--json', 'print the templates of every source as one JSON document')
    .option(
      '--per-line',
      'print the template of every event, in input order (with --json: one JSON object a line)',
    )
    .option('-n, --top <n>', 'templates listed per source (default 20; all with --json)')
    .option('-v, --verbose', 'also print informational notes')
    .addHelpText(
      'after',
      `
Examples:
  $ aftermath templates /var/log/syslog                        # the 20 most frequent templates
  $ aftermath templates app.log --since "2026-11-22 19:30" --until +20min --top 50
  $ aftermath templates nginx/error.log --level warn --json | jq '.sources[].templates[0]'
  $ aftermath templates app.log --per-line --json | jq -r 'select(.templateId == 7) | .line'
`,
    )
    .action(async (paths: string[], flags: Flags) => {
      process.exitCode = await runTemplates(paths, flags);
    });
  return cmd;
}
