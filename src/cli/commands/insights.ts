/** `aftermath insights`: what the archive says across incidents — impact, MTTx trends, repeats, follow-up. */
import { Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import { computeInsights, GROUP_BYS, insightsText, type GroupBy } from '../../insights/index.js';
import { openStore } from '../../store/open-store.js';
import type { ArchivedPostmortem } from '../../store/store.js';
import { Output } from '../io.js';
import { sinceFrom } from './review.js';

export interface InsightsFlags {
  db?: string;
  by?: string;
  since?: string;
  json?: boolean;
}

export interface InsightsContext {
  out?: Output;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** "Today" (UTC ms); the clock by default. */
  now?: number;
}

function groupBy(raw: string | undefined): GroupBy {
  if (raw === undefined) return 'service';
  if ((GROUP_BYS as readonly string[]).includes(raw)) return raw as GroupBy;
  throw new UsageError(`--by: expected one of ${GROUP_BYS.join(', ')}, got "${raw}"`);
}

export async function runInsights(
  flags: InsightsFlags,
  ctx: InsightsContext = {},
): Promise<number> {
  const out = ctx.out ?? new Output();
  const now = ctx.now ?? Date.now();
  const by = groupBy(flags.by);
  const since = flags.since === undefined ? undefined : sinceFrom(flags.since, now);
  const store = await openStore({
    ...(flags.db !== undefined ? { db: flags.db } : {}),
    env: ctx.env ?? process.env,
    cwd: ctx.cwd ?? process.cwd(),
  });
  const all: ArchivedPostmortem[] = [];
  try {
    for await (const pm of store.export()) all.push(pm);
  } finally {
    await store.close();
  }
  const insights = computeInsights(all, { by, now, ...(since !== undefined ? { since } : {}) });
  if (flags.json) await out.line(JSON.stringify(insights, null, 2));
  else {
    await out.write(insightsText(insights));
    if (all.length === 0)
      process.stderr.write(
        `aftermath: the archive ${store.location} is empty; add postmortems with: aftermath archive add <paths>\n`,
      );
  }
  await out.flush();
  return 0;
}

export function insightsCommand(): Command {
  return new Command('insights')
    .summary('across incidents: impact, MTTx trends, repeat incidents, action-item follow-up')
    .description(
      'Reads the postmortem archive (aftermath archive add) and reports counts and hours of impact ' +
        'by service, severity or month; MTTD/MTTA/MTTM/MTTR medians and p90 with a 3-month trend; the ' +
        'commonest contributing-factor categories and tags; repeat incidents (an earlier postmortem ' +
        'with the same service and alike factors) and why; action-item completion, time to close and ' +
        'what is past due; drafts and postmortems never reviewed. See docs/insights.md.',
    )
    .option(
      '--db <path|url>',
      'SQLite file or postgres:// URL (default: $AFTERMATH_DB, else ~/.local/share/aftermath/archive.db)',
    )
    .addOption(
      new Option('--by <group>', 'group the table by').choices([...GROUP_BYS]).default('service'),
    )
    .option('--since <when>', 'only incidents since: 90d, 12w or a date')
    .option('--json', 'everything as JSON (for dashboards)')
    .addHelpText(
      'after',
      `
Examples:
  $ aftermath insights                                  # the whole archive, by service
  $ aftermath insights --by month --since 180d          # the last six months, month by month
  $ aftermath insights --by severity --json > insights.json
  $ aftermath insights --db postgres://aftermath@db.internal/postmortems`,
    )
    .action(async (flags: InsightsFlags) => {
      process.exitCode = await runInsights(flags);
    });
}
