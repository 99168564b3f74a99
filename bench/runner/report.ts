/** Turns measured runs into the Markdown table and JSON the issue asks for. */
import type { Machine } from './machine.js';
import { median, type Sample } from './measure.js';
import type { Check, SubjectId } from './subjects.js';

/** The memory ceiling, "300 MB", read as decimal megabytes: the stricter reading. */
export const RSS_LIMIT_BYTES = 300e6;
/** The speed goal against lnav. */
export const SPEEDUP_GOAL = 2;

export interface Result {
  id: SubjectId;
  label: string;
  display: string;
  unavailable?: string;
  samples: Sample[];
  /** One line per failed or timed-out run. */
  failures: string[];
  /** What the command reported, checked against the input (last successful run). */
  check?: Check;
  /** Medians over successful runs. */
  seconds?: number;
  minSeconds?: number;
  maxSeconds?: number;
  maxRssKb?: number;
  cpuSeconds?: number;
  mibPerSec?: number;
  linesPerSec?: number;
}

export interface Input {
  dir: string;
  seed: number;
  generator: number;
  totalBytes: number;
  lines: number;
  entries: number;
  files: { path: string; bytes: number; lines: number }[];
}

export interface Report {
  date: string;
  command: string;
  runs: number;
  input: Input;
  machine: Machine;
  /** When the measured dist/ was built (the CLI runs from a copy taken at the start). */
  builtAt?: string;
  results: Result[];
  ratios: Record<string, number | undefined>;
  goals: { speedupVsLnav: Goal; countVsLnav: Goal; peakRss: Goal };
}

interface Goal {
  target: string;
  status: 'pass' | 'fail' | 'pending';
  detail: string;
}

export function summarize(result: Result, input: Input): Result {
  const ok = result.samples.filter((s) => !s.timedOut && s.exitCode === 0);
  const secs = ok.map((s) => s.seconds);
  const seconds = median(secs);
  const rss = median(ok.flatMap((s) => (s.maxRssKb === undefined ? [] : [s.maxRssKb])));
  const cpu = median(ok.flatMap((s) => (s.cpuSeconds === undefined ? [] : [s.cpuSeconds])));
  const out: Result = { ...result };
  if (seconds !== undefined) {
    out.seconds = seconds;
    out.minSeconds = Math.min(...secs);
    out.maxSeconds = Math.max(...secs);
    out.mibPerSec = input.totalBytes / 2 ** 20 / seconds;
    out.linesPerSec = input.lines / seconds;
  }
  if (rss !== undefined) out.maxRssKb = rss;
  if (cpu !== undefined) out.cpuSeconds = cpu;
  return out;
}

const ratio = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined || b === undefined || b === 0 ? undefined : a / b;

export function ratiosOf(results: readonly Result[]): Record<string, number | undefined> {
  const t = (id: SubjectId): number | undefined => results.find((r) => r.id === id)?.seconds;
  return {
    'lnav / timeline': ratio(t('lnav'), t('timeline')),
    'lnav / count': ratio(t('lnav'), t('count')),
    'timeline / wc': ratio(t('timeline'), t('wc')),
    'count / wc': ratio(t('count'), t('wc')),
    'lnav / wc': ratio(t('lnav'), t('wc')),
  };
}

export function goalsOf(
  results: readonly Result[],
  ratios: Record<string, number | undefined>,
): Report['goals'] {
  const speedup = ratios['lnav / timeline'];
  const counted = ratios['lnav / count'];
  const ours = results.filter((r) => r.id === 'timeline' || r.id === 'count');
  const worst = ours
    .filter((r) => r.maxRssKb !== undefined)
    .sort((a, b) => b.maxRssKb! - a.maxRssKb!)[0];
  const worstKb = worst?.maxRssKb;
  return {
    speedupVsLnav: {
      target: `timeline --format jsonl at least ${SPEEDUP_GOAL}× faster than lnav`,
      status: speedup === undefined ? 'pending' : speedup >= SPEEDUP_GOAL ? 'pass' : 'fail',
      detail: speedup === undefined ? 'not measured' : `${speedup.toFixed(2)}×`,
    },
    // lnav's count indexes times and levels, as --count reads them: the like-for-like row.
    countVsLnav: {
      target: `timeline --count (times and levels, as lnav indexes them) at least ${SPEEDUP_GOAL}× faster than lnav`,
      status: counted === undefined ? 'pending' : counted >= SPEEDUP_GOAL ? 'pass' : 'fail',
      detail: counted === undefined ? 'not measured' : `${counted.toFixed(2)}×`,
    },
    peakRss: {
      target: `aftermath peak RSS under ${RSS_LIMIT_BYTES / 1e6} MB`,
      status:
        worstKb === undefined ? 'pending' : worstKb * 1024 < RSS_LIMIT_BYTES ? 'pass' : 'fail',
      detail:
        worstKb === undefined
          ? 'not measured'
          : `${((worstKb * 1024) / 1e6).toFixed(0)} MB, median of ${worst!.label}`,
    },
  };
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const fixed = (n: number | undefined, digits: number): string =>
  n === undefined ? '–' : n.toFixed(digits);
const times = (n: number | undefined): string =>
  n === undefined ? '–' : `${n.toFixed(n < 10 ? 2 : 1)}×`;

function row(r: Result, wc: number | undefined, lnav: number | undefined): string {
  if (r.unavailable !== undefined)
    return `| ${r.label} | unavailable: ${r.unavailable} | | | | | |`;
  if (r.seconds === undefined)
    return `| ${r.label} | failed: ${r.failures[0] ?? 'no run'} | | | | | |`;
  const wall = `${r.seconds.toFixed(2)} (${r.minSeconds!.toFixed(2)}–${r.maxSeconds!.toFixed(2)})`;
  const rss = r.maxRssKb === undefined ? '–' : int((r.maxRssKb * 1024) / 1e6);
  const vsWc = r.id === 'wc' ? '1×' : times(ratio(r.seconds, wc));
  const vsLnav = r.id === 'lnav' ? '1×' : times(ratio(lnav, r.seconds));
  return `| ${r.label} | ${wall} | ${fixed(r.cpuSeconds, 2)} | ${fixed(r.mibPerSec, 1)} | ${int(r.linesPerSec!)} | ${rss} | ${vsWc} | ${vsLnav} |`;
}

export function toMarkdown(report: Report): string {
  const { input, machine, results } = report;
  const wc = results.find((r) => r.id === 'wc')?.seconds;
  const lnav = results.find((r) => r.id === 'lnav')?.seconds;
  const gib = (input.totalBytes / 2 ** 30).toFixed(2);
  const lines = [
    `## Benchmark ${report.date}`,
    '',
    `\`${report.command}\``,
    '',
    `Input: ${gib} GiB in ${input.files.length} files (\`${input.dir}\`, seed ${input.seed}, generator v${input.generator}), ` +
      `${int(input.lines)} lines, ${int(input.entries)} entries once continuation lines are folded.`,
    `Each command ran ${report.runs} time(s), interleaved with the others; figures are medians (wall: median (min–max)).`,
    '',
    '| command | wall s | CPU s | MiB/s | lines/s | peak RSS MB | time ÷ wc -l | lnav ÷ time |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => row(r, wc, lnav)),
    '',
    'Goals (issue "Speed and memory"):',
    '',
    `- ${report.goals.speedupVsLnav.target}: **${report.goals.speedupVsLnav.status}** (${report.goals.speedupVsLnav.detail})`,
    `- ${report.goals.countVsLnav.target}: **${report.goals.countVsLnav.status}** (${report.goals.countVsLnav.detail})`,
    `- ${report.goals.peakRss.target}: **${report.goals.peakRss.status}** (${report.goals.peakRss.detail})`,
    '',
    'Checks and failures:',
    '',
    ...results.flatMap((r) => [
      ...(r.check
        ? [
            `- ${r.label}: ${r.check.note}${r.check.ok === undefined ? '' : r.check.ok ? ' (ok)' : ' **(mismatch)**'}`,
          ]
        : []),
      ...r.failures.map((f) => `- ${r.label}: ${f}`),
    ]),
    '',
    'Commands (`<files>` = the input files in the order below):',
    '',
    ...results.map((r) => `- \`${r.display}\``),
    '',
    ...input.files.map(
      (f) => `  - \`${f.path}\`: ${(f.bytes / 2 ** 20).toFixed(1)} MiB, ${int(f.lines)} lines`,
    ),
    '',
    `Code: aftermath ${machine.revision}${machine.revision.endsWith('-dirty') ? ' (with uncommitted changes)' : ''}` +
      (report.builtAt
        ? `, dist/ built ${report.builtAt}, run from a copy taken at the start.`
        : '.'),
    '',
    `Machine: ${machine.nproc} CPUs (${machine.cpu}), ${machine.memoryGiB} GiB RAM, Linux ${machine.kernel}, ` +
      `node ${machine.node}, ${machine.lnav}, ${machine.wc}, ${machine.gnuTime}; load average ${machine.loadAtStart} at start.`,
    '',
  ];
  return lines.join('\n');
}
