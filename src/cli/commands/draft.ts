/** `aftermath draft`: a postmortem drafted from the evidence, or an existing one refreshed. */
import { readFile, writeFile, rename } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { draftPostmortem } from '../../document/draft/draft.js';
import { analyzeIncident } from '../../pipeline/analyze-incident.js';
import { Output } from '../io.js';
import {
  evidenceOptions,
  incidentOptions,
  parseEvidenceFlags,
  type EvidenceFlags,
} from '../options.js';
import { finishIncident } from './timeline.js';

interface Flags extends EvidenceFlags {
  collect?: boolean;
  output?: string;
  title?: string;
  id?: string;
  template?: string;
  verbose?: boolean;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export async function runDraft(paths: string[], flags: Flags, out = new Output()): Promise<number> {
  const parsed = parseEvidenceFlags(flags);
  if (flags.collect) {
    const { collectFirst } = await import('./collect.js');
    await collectFirst(paths, parsed.filter);
  }
  const incident = incidentOptions(parsed);
  const result = await analyzeIncident(paths, incident);
  // Evidence links are relative to where the document lives.
  const base = flags.output ? dirname(resolve(flags.output)) : process.cwd();
  const link = (file: string): string => relative(base, resolve(file)).split('\\').join('/');
  const existing = flags.output ? await readIfExists(flags.output) : undefined;
  const caseName = basename(resolve(result.caseDir ?? paths[0] ?? '.'));
  const text = draftPostmortem(
    result.analysis,
    {
      title: flags.title ?? result.caseConfig?.title ?? caseName,
      link,
      ...(flags.id !== undefined ? { id: flags.id } : {}),
      ...(flags.template !== undefined ? { template: flags.template } : {}),
    },
    existing,
  );
  if (flags.output) {
    // Written whole or not at all: a temp file renamed over the document.
    const tmp = `${flags.output}.aftermath-tmp`;
    await writeFile(tmp, text);
    await rename(tmp, flags.output);
    process.stderr.write(
      `aftermath: ${existing === undefined ? 'drafted' : 'refreshed the evidence in'} ${flags.output}\n`,
    );
  } else await out.write(text);
  return finishIncident(result, flags.verbose);
}

export function draftCommand(): Command {
  const cmd = new Command('draft')
    .summary('draft the postmortem from the evidence (or refresh the evidence in one)')
    .description(
      'Analyses the evidence like `analyze` and writes a postmortem in Markdown: front-matter times ' +
        'from the key moments, the impact in numbers, a timeline whose rows link their evidence ' +
        '(file:line), detection and recovery facts, candidate contributing factors to confirm, and ' +
        'the sections only people can write, with guidance. The generated parts sit between ' +
        '`<!-- aftermath:draft … -->` markers: drafting again into the same file (-o) replaces them ' +
        'and fills front-matter times still empty, and leaves everything else as people wrote it.',
    )
    .argument('<paths...>', 'a case folder (aftermath.yaml), log files, folders or repositories');
  for (const o of evidenceOptions()) cmd.addOption(o);
  cmd
    .option('-o, --output <file>', 'write (or refresh) this Markdown file instead of printing')
    .option(
      '--collect',
      "first snapshot the case's live sources that are missing or stale (as `aftermath collect` does)",
    )
    .option('--title <title>', 'the title (default: the case title, else the folder name)')
    .option('--id <id>', 'the postmortem id (default: <date>-<title slug>)')
    .option('--template <name>', 'default, google-sre, minimal (see `aftermath new --help`)')
    .option('-v, --verbose', 'also print informational notes')
    .addHelpText(
      'after',
      `
Examples:
  $ aftermath draft examples/pool-exhaustion                      # print the draft
  $ aftermath draft examples/pool-exhaustion -o postmortem.md     # write it; run again to refresh
  $ aftermath draft ./logs --since "2026-11-22 19:30" --until "2026-11-22 20:00" -o pm.md`,
    )
    .action(async (paths: string[], flags: Flags) => {
      process.exitCode = await runDraft(paths, flags);
    });
  return cmd;
}
