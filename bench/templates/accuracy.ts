/**
 * Template-mining accuracy on Loghub 2k: the built CLI's `templates --per-line --json` on each raw
 * log, scored against the `EventId` of every line in `*_structured.csv`, beside Drain's published
 * grouping accuracy. `--content` mines the `Content` column with the library instead (no CLI, no
 * log parsing), to tell the miner's errors from the ingest's.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TemplateMiner } from '../../src/analysis/templates/index.js';
import { csvRecords } from './csv.js';
import { DRAIN_GA, ROOT, type Dataset } from './datasets.js';
import { score, type Score } from './score.js';

export interface AccuracyRow extends Score {
  system: string;
  /** Share of lines whose event message equals the Content column (CLI mode only). */
  contentMatch?: number;
  drain: number;
}

interface Truth {
  lineIds: number[];
  eventIds: string[];
  contents: string[];
}

function readTruth(d: Dataset): Truth {
  const records = csvRecords(readFileSync(d.structured, 'utf8'));
  return {
    lineIds: records.map((r) => Number(r.LineId)),
    eventIds: records.map((r) => r.EventId!),
    contents: records.map((r) => r.Content!),
  };
}

function cli(args: string[]): string {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/aftermath.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`aftermath ${args.join(' ')} failed (${r.status}): ${r.stderr.trim()}`);
  return r.stdout;
}

function jsonLines<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as T);
}

/** Predicted group per line: the CLI's template id, or a group of its own for a missing line. */
function predictWithCli(d: Dataset, truth: Truth): { predicted: string[]; contentMatch: number } {
  const rows = jsonLines<{ line: number; templateId: number }>(
    cli(['templates', d.log, '--per-line', '--json']),
  );
  const byLine = new Map(rows.map((r) => [r.line, r.templateId]));
  const predicted = truth.lineIds.map((id) => {
    const t = byLine.get(id);
    return t === undefined ? `missing-${id}` : `t${t}`;
  });
  const events = jsonLines<{ line: number; message: string }>(
    cli(['timeline', d.log, '--format', 'jsonl']),
  );
  const messages = new Map(events.map((e) => [e.line, e.message]));
  let same = 0;
  truth.lineIds.forEach((id, i) => {
    if (messages.get(id)?.trim() === truth.contents[i]!.trim()) same++;
  });
  return { predicted, contentMatch: same / truth.lineIds.length };
}

function predictWithLibrary(truth: Truth): string[] {
  const miner = new TemplateMiner();
  return truth.contents.map((c) => `t${miner.add(c).id}`);
}

export function evaluate(d: Dataset, content: boolean): AccuracyRow {
  const truth = readTruth(d);
  const drain = DRAIN_GA[d.system] ?? NaN;
  if (content) {
    return { system: d.system, drain, ...score(predictWithLibrary(truth), truth.eventIds) };
  }
  const { predicted, contentMatch } = predictWithCli(d, truth);
  return { system: d.system, drain, contentMatch, ...score(predicted, truth.eventIds) };
}

/**
 * For `--details`: the true groups that were not found exactly, with how the lines were split
 * or merged, biggest first.
 */
export function explain(d: Dataset, limit = 15): string {
  const truth = readTruth(d);
  const miner = new TemplateMiner();
  const ids = truth.contents.map((c) => miner.add(c).id);
  const byTruth = new Map<string, number[]>();
  const byPred = new Map<number, number[]>();
  ids.forEach((p, i) => {
    const t = truth.eventIds[i]!;
    (byTruth.get(t) ?? byTruth.set(t, []).get(t)!).push(i);
    (byPred.get(p) ?? byPred.set(p, []).get(p)!).push(i);
  });
  const out: string[] = [];
  const wrong = [...byTruth.entries()]
    .filter(([, lines]) => {
      const p = ids[lines[0]!]!;
      return !lines.every((i) => ids[i] === p) || byPred.get(p)!.length !== lines.length;
    })
    .sort((a, b) => b[1].length - a[1].length);
  for (const [t, lines] of wrong.slice(0, limit)) {
    const preds = [...new Set(lines.map((i) => ids[i]!))];
    out.push(`${t} (${lines.length} lines) ${truth.contents[lines[0]!]!.slice(0, 100)}`);
    for (const p of preds.slice(0, 4)) {
      const members = byPred.get(p)!;
      const others = new Set(members.map((i) => truth.eventIds[i]));
      out.push(
        `   → #${p} ${members.length} lines, ${others.size} true groups: ${miner.cluster(p)!.template.slice(0, 110)}`,
      );
    }
  }
  return out.join('\n');
}
