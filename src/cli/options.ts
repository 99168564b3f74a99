/** Options shared by the commands that read evidence, parsed once into library options. */
import { Option } from 'commander';
import { isLevel, type Level } from '../core/level.js';
import { parseTimeSpec } from '../core/time-spec.js';
import { resolveZone, UTC } from '../core/zone.js';
import { UsageError } from '../errors.js';
import type { EventFilter } from '../ingest/filter.js';
import type { TimelineOptions } from '../ingest/timeline.js';
import { formatById } from '../ingest/formats/index.js';
import { METRIC_FORMAT } from '../core/manifest.js';

export interface EvidenceFlags {
  since?: string;
  until?: string;
  level?: string;
  grep?: string;
  ignoreCase?: boolean;
  tz?: string;
  logFormat?: string;
  source?: string[];
}

export const evidenceOptions = (): Option[] => [
  new Option(
    '-S, --since <time>',
    'only events at or after this time (ISO 8601, "2026-11-22 19:40", "today", "-2h")',
  ),
  new Option('-U, --until <time>', 'only events before this time (same forms as --since)'),
  new Option(
    '--tz <zone>',
    'zone of timestamps written without one, e.g. Europe/Berlin or +02:00 (default UTC)',
  ),
  new Option(
    '-F, --log-format <id>',
    'read every file as this format instead of detecting it (see `aftermath formats`)',
  ),
  new Option('--source <glob...>', 'only sources whose name matches (e.g. "nginx/*")'),
];

export const filterOptions = (): Option[] => [
  new Option(
    '-p, --level <level>',
    'only events at or above this level: trace, debug, info, notice, warn, error, critical, fatal',
  ),
  new Option(
    '-g, --grep <regex>',
    'only events whose message or line matches this regular expression',
  ),
  new Option('-i, --ignore-case', 'make --grep case-insensitive'),
];

const LEVEL_ALIASES: Record<string, Level> = {
  warning: 'warn',
  err: 'error',
  crit: 'critical',
  emerg: 'fatal',
  alert: 'critical',
};

/** Validates the flags; throws UsageError with what was expected and what was received. */
/** Validated flags, shaped as the options `openTimeline`/`streamRows` take. */
export type EvidenceOptions = TimelineOptions & { filter: EventFilter };

export function parseEvidenceFlags(flags: EvidenceFlags, now = Date.now()): EvidenceOptions {
  const zone = flags.tz !== undefined ? resolveZone(flags.tz) : UTC;
  if (!zone)
    throw new UsageError(
      `--tz: unknown time zone "${flags.tz}"; expected an IANA name (Europe/Berlin), UTC or an offset (+02:00)`,
    );
  const filter: EventFilter = {};
  for (const key of ['since', 'until'] as const) {
    const text = flags[key];
    if (text === undefined) continue;
    const ms = parseTimeSpec(text, now, zone);
    if (ms === undefined) {
      throw new UsageError(
        `--${key}: cannot read "${text}" as a time; expected e.g. 2026-11-22T19:40:00Z, "2026-11-22 19:40", today, yesterday, -2h, +15min`,
      );
    }
    filter[key] = ms;
  }
  if (filter.since !== undefined && filter.until !== undefined && filter.since >= filter.until) {
    throw new UsageError(`--since must be before --until`);
  }
  if (flags.level !== undefined) {
    const l = flags.level.toLowerCase();
    const level = isLevel(l) ? l : LEVEL_ALIASES[l];
    if (!level)
      throw new UsageError(
        `--level: unknown level "${flags.level}"; expected trace, debug, info, notice, warn, error, critical or fatal`,
      );
    filter.level = level;
  }
  if (flags.grep !== undefined) {
    try {
      filter.grep = new RegExp(flags.grep, flags.ignoreCase ? 'i' : '');
    } catch (err) {
      throw new UsageError(`--grep: invalid regular expression: ${(err as Error).message}`);
    }
  }
  if (
    flags.logFormat !== undefined &&
    flags.logFormat !== METRIC_FORMAT &&
    !formatById(flags.logFormat)
  ) {
    throw new UsageError(
      `--log-format: unknown format "${flags.logFormat}"; run \`aftermath formats\` for the list`,
    );
  }
  return {
    filter,
    ...(flags.tz !== undefined ? { tz: flags.tz } : {}),
    ...(flags.logFormat !== undefined ? { format: flags.logFormat } : {}),
    ...(flags.source !== undefined ? { sources: flags.source } : {}),
  };
}

/**
 * For commands that analyse an incident: --since/--until set the incident window rather than
 * filter the evidence (what lies outside still serves as the baseline).
 */
export function incidentOptions(parsed: EvidenceOptions): EvidenceOptions & {
  window: { from?: number; to?: number };
} {
  const { since, until, ...filter } = parsed.filter;
  const window: { from?: number; to?: number } = {};
  if (since !== undefined) window.from = since;
  if (until !== undefined) window.to = until;
  return { ...parsed, filter, window };
}
