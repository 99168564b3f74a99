/** `aftermath actions`: action items to GitHub/GitLab/Jira and back (sync, status), and what is overdue. */
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { Diagnostic } from '../../core/diagnostic.js';
import { parseTimeSpec } from '../../core/time-spec.js';
import { UTC } from '../../core/zone.js';
import { parseDocument } from '../../document/parse.js';
import type { PostmortemDocument } from '../../document/types.js';
import { ConfigError, UsageError } from '../../errors.js';
import { findConfigFile } from '../../lint/config.js';
import { parseTrackersConfig, type TrackersConfig } from '../../trackers/config.js';
import { openTracker, type OpenOptions } from '../../trackers/open-tracker.js';
import { overdueItems, overdueMarkdown } from '../../trackers/overdue.js';
import { archivedDocuments } from '../archived-documents.js';
import { recordStatesInArchive } from '../archive-status.js';
import { pullStatus } from '../../trackers/status.js';
import { executeSync, planSync, type PlanEntry } from '../../trackers/sync.js';
import { TRACKER_IDS, type Tracker, type TrackerId } from '../../trackers/tracker.js';
import { Output, printDiagnostics, readTextFile } from '../io.js';
import { collectFiles } from './lint.js';

export interface ActionsContext {
  out?: Output;
  cwd?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Retry timing and timeouts (tests make them fast). */
  open?: Omit<OpenOptions, 'env'>;
}

/** Every credential value is replaced before anything is printed or written. */
function redactor(secrets: readonly string[]): (s: string) => string {
  const live = secrets.filter((s) => s.length >= 4);
  return (s) => live.reduce((acc, v) => acc.split(v).join('***'), s);
}

export async function readPostmortem(file: string): Promise<PostmortemDocument> {
  return parseDocument(await readTextFile(file), { source: file });
}

/** `trackers:` from `--config`, else from the nearest `.aftermathrc.yaml` above the postmortem. */
export async function loadTrackersConfig(file: string, explicit?: string): Promise<TrackersConfig> {
  const path = explicit ?? findConfigFile(dirname(resolve(file)), existsSync);
  if (!path) return parseTrackersConfig('', '<none>');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `${path}: could not read the config (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  return parseTrackersConfig(text, path);
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.aftermath-tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

function trackerId(raw: string): TrackerId {
  if ((TRACKER_IDS as readonly string[]).includes(raw)) return raw as TrackerId;
  throw new UsageError(`--to: expected one of ${TRACKER_IDS.join(', ')}, got "${raw}"`);
}

const entryJson = (e: PlanEntry): Record<string, unknown> => ({
  item: e.itemId,
  action: e.action,
  ...(e.reason ? { reason: e.reason } : {}),
  ...(e.draft ? { title: e.draft.title } : {}),
  ...(e.ticket ? { ticket: { ref: e.ticket.ref, url: e.ticket.url, state: e.ticket.state } } : {}),
});

export interface SyncFlags {
  to: string;
  dryRun?: boolean;
  json?: boolean;
  config?: string;
}

export async function runActionsSync(
  file: string,
  flags: SyncFlags,
  ctx: ActionsContext = {},
): Promise<number> {
  const out = ctx.out ?? new Output();
  const id = trackerId(flags.to);
  const path = resolve(ctx.cwd ?? process.cwd(), file);
  const config = await loadTrackersConfig(
    path,
    flags.config && resolve(ctx.cwd ?? process.cwd(), flags.config),
  );
  const { tracker, secrets } = openTracker(id, config, {
    ...ctx.open,
    env: ctx.env ?? process.env,
  });
  const clean = redactor(secrets);
  const doc = await readPostmortem(path);
  doc.source = file;
  const plan = await planSync(doc, tracker, config);
  let failed = 0;
  let written = false;
  if (!flags.dryRun) {
    const r = await executeSync(doc, tracker, plan);
    failed = r.failed;
    if (r.text !== doc.text) {
      await writeAtomic(path, clean(r.text));
      written = true;
    }
  }
  const diags: Diagnostic[] = plan.diagnostics.map((d) => ({ ...d, message: clean(d.message) }));
  if (flags.json) {
    await out.line(
      clean(
        JSON.stringify(
          {
            postmortem: plan.postmortemId,
            tracker: id,
            dryRun: !!flags.dryRun,
            written,
            entries: plan.entries.map(entryJson),
            diagnostics: diags.map(({ cause: _c, ...d }) => d),
          },
          null,
          2,
        ),
      ),
    );
  } else {
    const verb = (a: PlanEntry['action']): string =>
      flags.dryRun && (a === 'create' || a === 'update') ? `would ${a}` : a;
    for (const e of plan.entries) {
      const ticket = e.ticket ? ` ${e.ticket.url}` : '';
      const why = e.reason && e.action !== 'update' ? ` (${e.reason})` : '';
      await out.line(
        clean(
          `${verb(e.action).padEnd(13)} ${e.itemId}${ticket}${e.draft && e.action === 'create' ? ` "${e.draft.title}"` : ''}${why}`,
        ),
      );
    }
    if (written) await out.line(`ticket links written to ${file}`);
  }
  await out.flush();
  printDiagnostics(diags);
  return failed > 0 ? 1 : 0;
}

export interface StatusFlags {
  json?: boolean;
  config?: string;
  from?: string;
  /** Also record the states in this archive (see `aftermath archive`). */
  db?: string;
  archive?: boolean;
}

export async function runActionsStatus(
  file: string,
  flags: StatusFlags,
  ctx: ActionsContext = {},
): Promise<number> {
  const out = ctx.out ?? new Output();
  const path = resolve(ctx.cwd ?? process.cwd(), file);
  const config = await loadTrackersConfig(
    path,
    flags.config && resolve(ctx.cwd ?? process.cwd(), flags.config),
  );
  const ids = flags.from
    ? [trackerId(flags.from)]
    : TRACKER_IDS.filter((t) => config[t] !== undefined);
  if (ids.length === 0)
    throw new ConfigError(
      `${file}: no tracker configured (expected trackers.github, trackers.gitlab or trackers.jira in .aftermathrc.yaml)`,
    );
  const trackers: Tracker[] = [];
  const secrets: string[] = [];
  for (const t of ids) {
    const o = openTracker(t, config, { ...ctx.open, env: ctx.env ?? process.env });
    trackers.push(o.tracker);
    secrets.push(...o.secrets);
  }
  const clean = redactor(secrets);
  const doc = await readPostmortem(path);
  doc.source = file;
  const r = await pullStatus(doc, trackers, config);
  const written = r.text !== doc.text;
  if (written) await writeAtomic(path, clean(r.text));
  if (flags.json) {
    await out.line(
      clean(
        JSON.stringify(
          {
            postmortem: r.postmortemId,
            written,
            items: r.states.map((s) => ({
              item: s.itemId,
              tracker: s.tracker,
              ticket: s.ticket.url,
              state: s.ticket.state,
              ...(s.ticket.closedAt ? { closedAt: s.ticket.closedAt } : {}),
              was: s.was ?? null,
              now: s.now,
            })),
          },
          null,
          2,
        ),
      ),
    );
  } else {
    for (const s of r.states)
      await out.line(
        clean(
          `${s.itemId.padEnd(8)} ${s.ticket.state.padEnd(6)} ${s.was !== s.now ? `${s.was ?? '(none)'} → ${s.now}` : s.now}  ${s.ticket.url}`,
        ),
      );
    if (written) await out.line(`statuses written to ${file}`);
  }
  await out.flush();
  printDiagnostics(r.diagnostics.map((d) => ({ ...d, message: clean(d.message) })));
  if (flags.archive || flags.db !== undefined) {
    const note = await recordStatesInArchive(flags.db, r.text, file, r.states);
    process.stderr.write(`aftermath: ${clean(note)}\n`);
  }
  return r.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** `--today`: a date or any time `--since` takes. */
export function todayFrom(raw: string | undefined, now = Date.now()): number {
  if (raw === undefined) return now;
  const ms = parseTimeSpec(raw, now, UTC);
  if (ms === undefined)
    throw new UsageError(`--today: expected a date such as 2026-03-10, got "${raw}"`);
  return ms;
}

/** The postmortems under the paths, parsed (Markdown files; folders walked). */
export async function readPostmortems(
  paths: readonly string[],
  cwd: string,
  command: string,
): Promise<PostmortemDocument[]> {
  if (paths.length === 0)
    throw new UsageError(`${command}: expected one or more postmortem files or folders`);
  let files: string[];
  try {
    files = collectFiles(paths, cwd);
  } catch (err) {
    if (err instanceof UsageError)
      throw new UsageError(err.message.replace(/^lint:/, `${command}:`));
    throw err;
  }
  const docs: PostmortemDocument[] = [];
  for (const f of files) {
    const doc = await readPostmortem(f);
    doc.source = f.startsWith(`${cwd}/`) ? f.slice(cwd.length + 1) : f;
    docs.push(doc);
  }
  return docs;
}

export interface OverdueFlags {
  json?: boolean;
  today?: string;
  archive?: boolean;
  db?: string;
}

export async function runActionsOverdue(
  paths: readonly string[],
  flags: OverdueFlags,
  ctx: ActionsContext = {},
): Promise<number> {
  const out = ctx.out ?? new Output();
  const cwd = ctx.cwd ?? process.cwd();
  const today = todayFrom(flags.today);
  const fromArchive = flags.archive === true || flags.db !== undefined;
  const docs = [
    ...(paths.length > 0 || !fromArchive
      ? await readPostmortems(paths, cwd, 'actions overdue')
      : []),
    ...(fromArchive ? (await archivedDocuments(flags.db)).docs : []),
  ];
  const report = overdueItems(docs, today);
  if (flags.json) await out.line(JSON.stringify(report, null, 2));
  else await out.write(overdueMarkdown(report));
  await out.flush();
  return report.items.length > 0 ? 1 : 0;
}

export function actionsCommand(): Command {
  const cmd = new Command('actions')
    .summary('action items to GitHub, GitLab or Jira and back; what is overdue')
    .description(
      'Action items to GitHub, GitLab or Jira and back: one ticket per item, links and states written into the postmortem.',
    );
  // Subcommands copy the parent's settings when made: without this, their --help would exit the process.
  cmd.exitOverride();
  cmd
    .command('sync')
    .description(
      'Create or update one ticket per action item (idempotent: a second run creates nothing) and write the links back.',
    )
    .argument('<file>', 'postmortem (Markdown)')
    .addOption(
      new Option('--to <tracker>', 'where the tickets go')
        .choices([...TRACKER_IDS])
        .makeOptionMandatory(),
    )
    .option('--dry-run', 'print the plan; change nothing')
    .option('--json', 'the plan and its outcome as JSON')
    .option(
      '--config <file>',
      'config file with trackers: (default: the nearest .aftermathrc.yaml)',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ aftermath actions sync postmortem.md --to github --dry-run
  $ GITHUB_TOKEN=… aftermath actions sync postmortem.md --to github
  $ JIRA_EMAIL=… JIRA_API_TOKEN=… aftermath actions sync postmortem.md --to jira --json

Config (.aftermathrc.yaml; credentials only as environment variable names):
  trackers:
    github: { repo: acme/ops, token_env: GITHUB_TOKEN }
    gitlab: { project: acme/ops, url: https://gitlab.example, token_env: GITLAB_TOKEN }
    jira: { url: https://acme.atlassian.net, project: OPS, email_env: JIRA_EMAIL, token_env: JIRA_API_TOKEN }
    owners: { "@jane": { github: janedoe, gitlab: 123, jira: 5b10ac8d82e05b22cc7d4ef5, email: jane@acme.example } }`,
    )
    .action(async (file: string, flags: SyncFlags) => {
      process.exitCode = await runActionsSync(file, flags);
    });
  cmd
    .command('status')
    .description(
      "Pull the tickets' states (open, closed and when) into the action items' status cells.",
    )
    .argument('<file>', 'postmortem (Markdown)')
    .addOption(new Option('--from <tracker>', 'only this tracker').choices([...TRACKER_IDS]))
    .option('--json', 'the states as JSON')
    .option('--archive', "also record the states in the archive's status history")
    .option('--db <path|url>', 'the archive to record them in (implies --archive)')
    .option(
      '--config <file>',
      'config file with trackers: (default: the nearest .aftermathrc.yaml)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ aftermath actions status postmortem.md\n  $ aftermath actions status postmortem.md --archive   # and into the archive\n  $ aftermath actions status postmortem.md --from jira --json',
    )
    .action(async (file: string, flags: StatusFlags) => {
      process.exitCode = await runActionsStatus(file, flags);
    });
  cmd
    .command('overdue')
    .description(
      'Open action items past their due date, by owner and by service (exit 1 when there are any).',
    )
    .argument('[paths...]', 'postmortem files or folders (optional with --archive)')
    .option(
      '--archive',
      'the postmortems of the archive (see `aftermath archive`), besides any paths',
    )
    .option(
      '--db <path|url>',
      'the archive to read (implies --archive; default $AFTERMATH_DB or the per-user archive)',
    )
    .option('--json', 'the report as JSON')
    .option('--today <date>', 'count from this day instead of today (e.g. 2026-03-10)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ aftermath actions overdue postmortems/\n  $ aftermath actions overdue --archive --json\n  $ aftermath actions overdue postmortems/ --today 2026-04-01 --json',
    )
    .action(async (paths: string[], flags: OverdueFlags) => {
      process.exitCode = await runActionsOverdue(paths, flags);
    });
  return cmd;
}
