/** `aftermath review`: the weekly digest of postmortems and action items, and calendar invites for the reviews. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { parseTimeSpec } from '../../core/time-spec.js';
import { UTC } from '../../core/zone.js';
import { UsageError } from '../../errors.js';
import { reviewDigest } from '../../trackers/digest.js';
import { archivedDocuments } from '../archived-documents.js';
import { reviewCalendar } from '../../trackers/schedule.js';
import { Output } from '../io.js';
import { loadTrackersConfig, readPostmortem, readPostmortems, todayFrom } from './actions.js';

const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(d|day|days|w|week|weeks)\s*$/i;

/** `7d`, `4w`, or anything `--since` takes (`2026-03-01`, `2 weeks ago`). */
export function sinceFrom(raw: string, now: number): number {
  const m = DURATION.exec(raw);
  if (m) return now - Number(m[1]) * (m[2]!.toLowerCase().startsWith('w') ? 7 : 1) * 86_400_000;
  const ms = parseTimeSpec(raw, now, UTC);
  if (ms === undefined)
    throw new UsageError(`--since: expected a duration such as 7d or a date, got "${raw}"`);
  return ms;
}

/** `4w`, `28d`, `30 days`: a span in ms. */
export function spanFrom(raw: string): number {
  const m = DURATION.exec(raw);
  if (!m) throw new UsageError(`--after: expected a span such as 4w or 28d, got "${raw}"`);
  return Number(m[1]) * (m[2]!.toLowerCase().startsWith('w') ? 7 : 1) * 86_400_000;
}

interface Ctx {
  out?: Output;
  cwd?: string;
}

export interface DigestFlags {
  since: string;
  archive?: boolean;
  db?: string;
  output?: string;
  today?: string;
}

export async function runReviewDigest(
  paths: readonly string[],
  flags: DigestFlags,
  ctx: Ctx = {},
): Promise<number> {
  const out = ctx.out ?? new Output();
  const cwd = ctx.cwd ?? process.cwd();
  const now = todayFrom(flags.today);
  const since = sinceFrom(flags.since, now);
  const docs =
    paths.length > 0 || !(flags.archive || flags.db !== undefined)
      ? await readPostmortems(paths, cwd, 'review digest')
      : [];
  let closedAt: Map<string, number> | undefined;
  if (flags.archive || flags.db !== undefined) {
    const archived = await archivedDocuments(flags.db);
    // A file given on the command line wins over its archived copy.
    const given = new Set(docs.map((d) => d.frontMatter?.data.id).filter(Boolean));
    docs.push(...archived.docs.filter((d) => !given.has(d.frontMatter?.data.id)));
    closedAt = archived.closedAt;
  }
  const text = reviewDigest(docs, { since, now, ...(closedAt ? { closedAt } : {}) });
  if (flags.output) await writeFile(resolve(cwd, flags.output), text);
  else await out.write(text);
  await out.flush();
  return 0;
}

export interface ScheduleFlags {
  output?: string;
  after: string;
  config?: string;
}

export async function runReviewSchedule(
  file: string,
  flags: ScheduleFlags,
  ctx: Ctx & { now?: number } = {},
): Promise<number> {
  const out = ctx.out ?? new Output();
  const cwd = ctx.cwd ?? process.cwd();
  const path = resolve(cwd, file);
  const afterMs = spanFrom(flags.after);
  const doc = await readPostmortem(path);
  doc.source = file;
  const config = await loadTrackersConfig(path, flags.config && resolve(cwd, flags.config));
  const ics = reviewCalendar(doc, { now: ctx.now ?? Date.now(), afterMs, config });
  if (flags.output) await writeFile(resolve(cwd, flags.output), ics);
  else await out.write(ics);
  await out.flush();
  return 0;
}

export function reviewCommand(): Command {
  const cmd = new Command('review')
    .summary('follow-up: a weekly digest, calendar invites for the reviews')
    .description('Follow-up: a weekly digest, and calendar invites for the review meetings.');
  // Subcommands copy the parent's settings when made: without this, their --help would exit the process.
  cmd.exitOverride();
  cmd
    .command('digest')
    .description(
      'A Markdown digest: new postmortems, action items opened, closed and overdue, reviews due.',
    )
    .argument('[paths...]', 'postmortem files or folders (optional with --archive)')
    .option('--archive', 'the postmortems of the archive, with when each item was closed')
    .option('--db <path|url>', 'the archive to read (implies --archive)')
    .option('--since <when>', 'start of the period: 7d, 2w or a date', '7d')
    .option('--today <date>', 'end of the period instead of now')
    .option('-o, --output <file>', 'write the digest here instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ aftermath review digest postmortems/\n  $ aftermath review digest --archive --since 7d -o digest.md\n  $ aftermath review digest postmortems/ --since 14d -o digest.md',
    )
    .action(async (paths: string[], flags: DigestFlags) => {
      process.exitCode = await runReviewDigest(paths, flags);
    });
  cmd
    .command('schedule')
    .description(
      'An .ics calendar file with the review meeting and the follow-up review (about 4 weeks after resolution); attendees where an e-mail is known.',
    )
    .argument('<file>', 'postmortem (Markdown)')
    .option('-o, --output <file>', 'write the .ics here instead of stdout')
    .option('--after <span>', 'follow-up review this long after resolution', '4w')
    .option(
      '--config <file>',
      'config with trackers.owners e-mails (default: the nearest .aftermathrc.yaml)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ aftermath review schedule postmortem.md -o review.ics\n  $ aftermath review schedule postmortem.md --after 6w',
    )
    .action(async (file: string, flags: ScheduleFlags) => {
      process.exitCode = await runReviewSchedule(file, flags);
    });
  return cmd;
}
