/** The command line: parse → library call → render → exit code (0 ok, 1 nothing readable / findings, 2 usage or failure). */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { AftermathError, UsageError } from '../errors.js';
/**
 * Each command's module loads only when that command runs (or for the full help): loading every
 * command's dependencies costs a start-up a short command should not pay.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  timeline: async () => (await import('./commands/timeline.js')).timelineCommand(),
  sources: async () => (await import('./commands/sources.js')).sourcesCommand(),
  analyze: async () => (await import('./commands/analyze.js')).analyzeCommand(),
  draft: async () => (await import('./commands/draft.js')).draftCommand(),
  new: async () => (await import('./commands/new.js')).newCommand(),
  render: async () => (await import('./commands/render.js')).renderCommand(),
  lint: async () => (await import('./commands/lint.js')).lintCommand(),
  report: async () => (await import('./commands/report.js')).reportCommand(),
  templates: async () => (await import('./commands/templates.js')).templatesCommand(),
  formats: async () => (await import('./commands/formats.js')).formatsCommand(),
  demo: async () => (await import('./commands/demo.js')).demoCommand(),
  serve: async () => (await import('./commands/serve.js')).serveCommand(),
  archive: async () => (await import('./commands/archive.js')).archiveCommand(),
  collect: async () => (await import('./commands/collect.js')).collectCommand(),
  actions: async () => (await import('./commands/actions.js')).actionsCommand(),
  review: async () => (await import('./commands/review.js')).reviewCommand(),
  insights: async () => (await import('./commands/insights.js')).insightsCommand(),
};

function version(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}

/** The program with the command `argv` names, or every command when it names none (help, typos). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('aftermath')
    .description(
      'Blameless incident postmortems from the evidence: every log format merged into one UTC timeline.',
    )
    .version(version(), '-V, --version')
    .showSuggestionAfterError()
    .configureHelp({ sortSubcommands: false })
    .addHelpText(
      'after',
      `
Examples:
  $ aftermath demo                                   # the bundled example incident
  $ aftermath collect ./incident                     # snapshot Prometheus, Loki, … for the window
  $ aftermath sources ./incident-logs                # what is there: formats, lines, time ranges, zones
  $ aftermath timeline ./incident-logs --level warn  # one merged UTC timeline
  $ aftermath analyze ./incident-logs                # onset, deploys, alerts, MTTx, new patterns
  $ aftermath draft ./incident -o postmortem.md      # the postmortem drafted from the evidence
  $ aftermath lint postmortem.md                     # blame, vague actions, gaps, like ESLint
  $ aftermath formats                                # the formats it reads

Exit codes: 0 ok (warnings allowed), 1 nothing readable, 2 usage error or failure.`,
    );
  const named = argv.find((a) => !a.startsWith('-'));
  const versionOnly = named === undefined && argv.some((a) => a === '-V' || a === '--version');
  const wanted =
    named !== undefined && Object.hasOwn(COMMANDS, named)
      ? [named]
      : versionOnly
        ? []
        : Object.keys(COMMANDS);
  for (const cmd of await Promise.all(wanted.map((n) => COMMANDS[n]!()))) program.addCommand(cmd);
  program.exitOverride();
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // A reader that goes away (`| head`) ends the command quietly, whoever was writing (the help
  // text too, which commander writes straight to stdout).
  process.stdout.once('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE')
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  const program = await buildProgram(argv);
  process.exitCode = undefined;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError || err instanceof AftermathError) {
      process.stderr.write(`aftermath: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`aftermath: ${(err as Error).message ?? String(err)}\n`);
    if (process.env.AFTERMATH_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 2;
  }
}
