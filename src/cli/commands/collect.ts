/** `aftermath collect`: snapshot the case's live sources (Prometheus, Loki, …) for the incident window. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import type { CollectResult, SourceResult } from '../../connectors/collect.js';
import { parseTimeSpec } from '../../core/time-spec.js';
import { resolveZone, UTC } from '../../core/zone.js';
import { ConfigError, UsageError } from '../../errors.js';
import { CASE_FILE } from '../../ingest/read-paths.js';
import { Output, printDiagnostics, useColour } from '../io.js';

interface Flags {
  since?: string;
  until?: string;
  only?: string[];
  force?: boolean;
  json?: boolean;
  verbose?: boolean;
}

const OUTCOME_TEXT: Record<SourceResult['outcome'], string> = {
  collected: 'collected',
  partial: 'partial (gaps)',
  current: 'already current',
  failed: 'FAILED',
};

export function renderCollect(result: CollectResult, colour: boolean): string {
  const rows = result.sources.map((s) => [
    s.source,
    s.type,
    OUTCOME_TEXT[s.outcome],
    s.items.toLocaleString('en-US'),
    String(s.files),
  ]);
  const head = ['SOURCE', 'TYPE', 'RESULT', 'ITEMS', 'FILES'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i === 3 || i === 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ');
  const lines = [fmt(head)];
  for (const [i, r] of rows.entries()) {
    const s = result.sources[i]!;
    const line = fmt(r).trimEnd();
    lines.push(
      !colour
        ? line
        : s.outcome === 'failed'
          ? pc.red(line)
          : s.outcome === 'partial'
            ? pc.yellow(line)
            : line,
    );
    for (const g of s.gaps) lines.push(`  gap: ${g.message}`);
  }
  return lines.join('\n') + '\n';
}

/** The window from the flags, else the case file; both ends are required. */
function windowOf(
  flags: Flags,
  config: {
    tz?: string | undefined;
    window?: { since?: string | undefined; until?: string | undefined } | undefined;
  },
  file: string,
  now = Date.now(),
): { since: number; until: number } {
  const zone = (config.tz !== undefined ? resolveZone(config.tz) : undefined) ?? UTC;
  const read = (key: 'since' | 'until'): number => {
    const flag = flags[key];
    const text = flag ?? config.window?.[key];
    if (text === undefined) {
      throw new UsageError(
        `collect needs the incident window: set window.${key} in ${file} or pass --${key} (e.g. --${key} "2026-11-22 19:30")`,
      );
    }
    const ms = parseTimeSpec(text, now, zone);
    if (ms === undefined) {
      const where = flag !== undefined ? `--${key}` : `${file}: window.${key}`;
      throw new UsageError(
        `${where}: cannot read "${text}" as a time; expected e.g. 2026-11-22T19:30:00Z, -2h`,
      );
    }
    return ms;
  };
  const since = read('since');
  const until = read('until');
  if (!(since < until)) {
    throw new UsageError(
      `the window is empty: since ${new Date(since).toISOString()} is not before until ${new Date(until).toISOString()}`,
    );
  }
  return { since, until };
}

export async function runCollect(
  caseDir: string,
  flags: Flags,
  out = new Output(),
): Promise<number> {
  const file = join(caseDir, CASE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `no ${CASE_FILE} in ${caseDir}; collect reads the live sources a case file lists (see \`aftermath new\` and docs/sources.md)`
        : `cannot read ${file}: ${(err as Error).message}`,
    );
  }
  const { parseCaseConfig } = await import('../../ingest/case-config.js');
  const config = parseCaseConfig(text, file);
  if (config.live.length === 0) {
    process.stderr.write(
      `aftermath: ${file} lists no live sources (prometheus, loki, …); nothing to collect\n`,
    );
    return 0;
  }
  const window = windowOf(flags, config, file);
  const { collectCase } = await import('../../connectors/collect.js');
  const controller = new AbortController();
  const onSignal = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const tty = process.stderr.isTTY === true && !process.env.CI;
  let last = 0;
  let result: CollectResult;
  try {
    result = await collectCase(caseDir, config.live, {
      window,
      ...(flags.only ? { only: flags.only } : {}),
      ...(flags.force ? { force: true } : {}),
      signal: controller.signal,
      onProgress(source, items) {
        const now = Date.now();
        if (!tty || now - last < 200) return;
        last = now;
        process.stderr.write(
          `\r\x1b[Kcollecting ${source}: ${items.toLocaleString('en-US')} items`,
        );
      },
    });
  } catch (err) {
    if (controller.signal.aborted) {
      if (tty) process.stderr.write('\r\x1b[K');
      process.stderr.write(
        'aftermath: collect interrupted; finished sources are kept, the one in progress was discarded\n',
      );
      return 130;
    }
    if (err instanceof ConfigError) throw err;
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (tty) process.stderr.write('\r\x1b[K');
  }
  if (flags.json) {
    await out.write(
      JSON.stringify(
        {
          window: {
            since: new Date(window.since).toISOString(),
            until: new Date(window.until).toISOString(),
          },
          evidence: join(caseDir, 'evidence'),
          sources: result.sources,
          diagnostics: result.diagnostics.map(({ cause: _c, ...d }) => d),
        },
        null,
        2,
      ),
    );
  } else {
    await out.write(renderCollect(result, useColour()));
    await out.write(
      `\nSnapshot: ${join(caseDir, 'evidence')} (manifest.json lists every file and its sha256)\n`,
    );
    printDiagnostics(
      result.diagnostics.filter((d) => d.ruleId !== 'collect/gap'),
      flags.verbose,
    );
  }
  return result.sources.some((s) => s.outcome === 'failed' || s.outcome === 'partial') ? 1 : 0;
}

/**
 * `--collect` on analyze, draft and report: when the one path is a case folder with live sources,
 * snapshot them first (only what is missing or stale, as `aftermath collect` does), the table on
 * stderr so that stdout stays the command's own output. What failed is a gap the analysis names.
 */
export async function collectFirst(
  paths: readonly string[],
  window?: { since?: number; until?: number },
): Promise<void> {
  if (paths.length !== 1)
    throw new UsageError('--collect: expected one case folder (with aftermath.yaml)');
  const flags: Flags = {};
  if (window?.since !== undefined) flags.since = new Date(window.since).toISOString();
  if (window?.until !== undefined) flags.until = new Date(window.until).toISOString();
  await runCollect(paths[0]!, flags, new Output(process.stderr));
}

export function collectCommand(): Command {
  return new Command('collect')
    .summary(
      'snapshot the live sources of a case (Prometheus, Alertmanager, Loki, …) for the window',
    )
    .description(
      'Queries every live source the case file lists (type prometheus, alertmanager, loki, elasticsearch, ' +
        'journald, kubernetes, pagerduty, slack, jaeger, zipkin, otlp or a git remote) for the incident window ' +
        'and writes what it returned under CASE/evidence/, with evidence/manifest.json recording the query, the ' +
        'window, when it was fetched, how many items and the sha256 of every file. Every other command then ' +
        'reads the snapshot, so the analysis can be re-run after the servers have forgotten. Re-running ' +
        'fetches only sources whose snapshot is missing, failed, or was taken for another query or window. ' +
        'Credentials come from the environment variables the case file names and are never written.',
    )
    .argument('[case]', 'the case folder (with aftermath.yaml)', '.')
    .addOption(new Option('-S, --since <time>', 'start of the window (overrides window.since)'))
    .addOption(new Option('-U, --until <time>', 'end of the window (overrides window.until)'))
    .option('--only <name...>', 'collect only these sources')
    .option('-f, --force', 'collect again even when the snapshot is current')
    .option('--json', 'print the outcome as JSON')
    .option('-v, --verbose', 'also print retries and other notes')
    .addHelpText(
      'after',
      `
Examples:
  $ aftermath collect ./incident                      # every live source, for window: in aftermath.yaml
  $ aftermath collect ./incident --only prometheus    # one source
  $ aftermath collect . --since "2026-11-22 19:30" --until "2026-11-22 20:00" --force
  $ PROM_TOKEN=… aftermath collect ./incident && aftermath analyze ./incident

Exit codes: 0 every source collected or current, 1 a source failed or has gaps (see the gap lines),
2 usage or configuration error, 130 interrupted.`,
    )
    .action(async function (this: Command, caseDir: string) {
      process.exitCode = await runCollect(caseDir, this.opts<Flags>());
    });
}
