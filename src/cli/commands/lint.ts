/** `aftermath lint`: checks postmortems like code — rule ids, positions, docs; --fix for safe fixes. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { ConfigError, UsageError } from '../../errors.js';
import {
  EMPTY_CONFIG,
  findConfigFile,
  parseConfig,
  parseRuleFlag,
  withRuleLevels,
  type LintConfig,
  type RuleLevel,
} from '../../lint/config.js';
import { fixText } from '../../lint/fix.js';
import { lintText, type LintResult } from '../../lint/linter.js';
import { REPORTERS } from '../../lint/reporters/index.js';
import { RULES } from '../../lint/rules/index.js';
import { Output, useColour } from '../io.js';
import { markdownFiles } from '../../store/import.js';

export interface LintFlags {
  format: string;
  maxWarnings?: string;
  fix?: boolean;
  rule?: string[];
  config?: string;
  outputFile?: string;
  docsUrl?: string;
}

/** Markdown files under the paths: files as given, folders walked (no dot-folders, no node_modules). */
export function collectFiles(paths: readonly string[], cwd = process.cwd()): string[] {
  return markdownFiles(paths, cwd, 'lint');
}

function readConfigFile(path: string): LintConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `${path}: could not read the config (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  return parseConfig(text, path);
}

function maxWarnings(raw: string | undefined): number {
  if (raw === undefined) return -1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < -1)
    throw new UsageError(`--max-warnings: expected a whole number (-1 for no limit), got "${raw}"`);
  return n;
}

/** Lints (and with --fix, fixes) the paths; resolves to the exit code. */
export async function runLint(
  paths: readonly string[],
  flags: LintFlags,
  out = new Output(),
  cwd = process.cwd(),
): Promise<number> {
  const reporter = REPORTERS[flags.format];
  if (!reporter)
    throw new UsageError(
      `--format: expected one of ${Object.keys(REPORTERS).join(', ')}, got "${flags.format}"`,
    );
  const limit = maxWarnings(flags.maxWarnings);
  const levels: [string, RuleLevel][] = (flags.rule ?? []).map(parseRuleFlag);
  if (paths.length === 0)
    throw new UsageError('lint: expected one or more Markdown files or folders');
  const files = collectFiles(paths, cwd);
  const fixed = flags.config === undefined ? undefined : readConfigFile(resolve(cwd, flags.config));
  const configs = new Map<string, LintConfig>();
  const configFor = (file: string): LintConfig => {
    if (fixed) return fixed;
    const path = findConfigFile(dirname(file), existsSync);
    if (!path) return EMPTY_CONFIG;
    let c = configs.get(path);
    if (!c) configs.set(path, (c = readConfigFile(path)));
    return c;
  };
  const results: LintResult[] = [];
  let fixedCount = 0;
  for (const file of files) {
    const config = withRuleLevels(configFor(file), levels);
    const text = readFileSync(file, 'utf8');
    if (flags.fix) {
      const r = fixText(text, { source: file, config });
      if (r.text !== text) writeFileSync(file, r.text);
      fixedCount += r.fixed.length;
      results.push(r.result);
    } else results.push(lintText(text, { source: file, config }));
  }
  const rendered = reporter.render(results, {
    cwd,
    rules: RULES,
    color: flags.outputFile === undefined && useColour(),
    ...(flags.docsUrl ? { docsBaseUrl: flags.docsUrl } : {}),
    ...(version() ? { version: version()! } : {}),
  });
  if (flags.outputFile) writeFileSync(resolve(cwd, flags.outputFile), rendered);
  else await out.write(rendered);
  await out.flush();
  if (flags.fix && fixedCount > 0)
    process.stderr.write(`aftermath: fixed ${fixedCount} problem(s)\n`);
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return 1;
  if (limit >= 0 && warnings > limit) {
    process.stderr.write(`aftermath: ${warnings} warnings, more than --max-warnings ${limit}\n`);
    return 1;
  }
  return 0;
}

function version(): string | undefined {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as {
      version?: string;
    };
    return pkg.version;
  } catch {
    return undefined;
  }
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

export function lintCommand(): Command {
  return new Command('lint')
    .summary('check postmortems: blameless language, action items, timeline, completeness')
    .description(
      'Checks postmortem Markdown files against the rules in docs/rules/ (blameless language, action ' +
        'items, analysis depth, timeline, completeness, process). Settings come from the nearest ' +
        '.aftermathrc.yaml above each file, or --config.',
    )
    .argument('<paths...>', 'Markdown files or folders (folders are searched for *.md)')
    .addOption(
      new Option('-f, --format <name>', 'output format')
        .choices(Object.keys(REPORTERS))
        .default('stylish'),
    )
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
    .option(
      '--fix',
      'apply safe fixes to the files (adds missing sections from the default template)',
    )
    .option('--rule <id=level>', 'set a rule to off, info, warning or error (repeatable)', collect)
    .option(
      '-c, --config <file>',
      'use this config file instead of searching for .aftermathrc.yaml',
    )
    .option('-o, --output-file <file>', 'write the report to a file instead of stdout')
    .option(
      '--docs-url <base>',
      'base URL of the rule docs in reports (default: the installed docs/rules/)',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ aftermath lint postmortem.md
  $ aftermath lint docs/postmortems --max-warnings 0
  $ aftermath lint postmortem.md --fix
  $ aftermath lint postmortem.md --rule action-item-priority=off --rule timeline-zone=error
  $ aftermath lint postmortems -f sarif -o aftermath.sarif     # for GitHub code scanning
  $ aftermath lint postmortems -f github                        # annotations in a GitHub Actions job

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 usage error or bad config.`,
    )
    .action(async (paths: string[], flags: LintFlags) => {
      process.exitCode = await runLint(paths, flags);
    });
}
