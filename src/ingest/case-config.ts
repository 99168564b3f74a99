/** The case file, `aftermath.yaml`: which sources an incident folder holds and how to read them. */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.js';

const SourceSchema = z.strictObject({
  /** Source id in the timeline; defaults to the path. */
  name: z.string().min(1).optional(),
  /** File, directory (read recursively) or git repository, relative to the case folder. */
  path: z.string().min(1),
  /** Format id; detected when absent. */
  format: z.string().min(1).optional(),
  /** Zone of zone-less timestamps in this source. */
  tz: z.string().min(1).optional(),
  /** `git` reads a repository with `git log`. */
  type: z.enum(['file', 'git']).optional(),
  /** When the machine booted (ISO 8601), for dmesg times in seconds since boot. */
  boot_time: z.string().min(1).optional(),
  /**
   * A known clock error to correct: added to every timestamp of this source (`-2s`, `+1h`,
   * `350ms`, or a number of seconds), e.g. from `aftermath analyze` skew findings.
   */
  clock_offset: z.union([z.number(), z.string().min(1)]).optional(),
});

/**
 * Source types that `aftermath collect` queries (see connectors/index.ts, which must list the same
 * ids); `git` is one only with a `url` (a remote), else it is a local repository.
 */
export const LIVE_SOURCE_TYPES = [
  'prometheus',
  'alertmanager',
  'loki',
  'elasticsearch',
  'journald',
  'kubernetes',
  'pagerduty',
  'slack',
  'jaeger',
  'zipkin',
  'otlp',
  'git',
] as const;
export type LiveSourceType = (typeof LIVE_SOURCE_TYPES)[number];

/**
 * A source `aftermath collect` snapshots into `evidence/<name>/`. The keys here are common to all;
 * the rest belong to the connector, which validates them before it fetches anything.
 */
const LiveSourceSchema = z.looseObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"'),
  type: z.enum(LIVE_SOURCE_TYPES),
  tz: z.string().min(1).optional(),
  clock_offset: z.union([z.number(), z.string().min(1)]).optional(),
  /** Most items this source may bring (default 1,000,000); reaching it is reported. */
  limit: z.number().int().positive().optional(),
  /** Per request, e.g. `30s` or a number of seconds. */
  timeout: z.union([z.number().positive(), z.string().min(1)]).optional(),
});

export const CaseSchema = z.strictObject({
  title: z.string().optional(),
  /** Default zone of zone-less timestamps for every source. */
  tz: z.string().min(1).optional(),
  /** The incident window, as --since/--until take it. */
  window: z.strictObject({ since: z.string().optional(), until: z.string().optional() }).optional(),
  sources: z.array(z.unknown()).min(1),
});

export type CaseSource = z.infer<typeof SourceSchema>;
export type LiveSource = z.infer<typeof LiveSourceSchema>;
export type CaseConfig = Omit<z.infer<typeof CaseSchema>, 'sources'> & {
  /** Sources read from files (and local git repositories). */
  sources: CaseSource[];
  /** Sources `aftermath collect` queries; read from their snapshot. */
  live: LiveSource[];
};

/** Whether a source entry is one `collect` queries (by its type; `git` only with a `url`). */
export function isLiveSource(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  const e = entry as Record<string, unknown>;
  if (e.type === 'git') return typeof e.url === 'string' && e.path === undefined;
  return (LIVE_SOURCE_TYPES as readonly unknown[]).includes(e.type);
}

function firstIssue(error: z.ZodError, file: string, prefix: (string | number)[]): ConfigError {
  const issue = error.issues[0]!;
  const path = [...prefix, ...issue.path];
  const where = path.length > 0 ? path.join('.') : '(top level)';
  return new ConfigError(`${file}: ${where}: ${issue.message}`);
}

/** Parses and validates a case file's text; throws ConfigError naming the file and the field. */
export function parseCaseConfig(text: string, file: string): CaseConfig {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`, {
      cause: err,
    });
  }
  const result = CaseSchema.safeParse(data);
  if (!result.success) throw firstIssue(result.error, file, []);
  const sources: CaseSource[] = [];
  const live: LiveSource[] = [];
  const names = new Set<string>();
  result.data.sources.forEach((entry, i) => {
    if (isLiveSource(entry)) {
      const r = LiveSourceSchema.safeParse(entry);
      if (!r.success) throw firstIssue(r.error, file, ['sources', i]);
      if (names.has(r.data.name)) {
        throw new ConfigError(`${file}: sources.${i}.name: "${r.data.name}" names two sources`);
      }
      names.add(r.data.name);
      live.push(r.data);
    } else {
      const r = SourceSchema.safeParse(entry);
      if (!r.success) throw firstIssue(r.error, file, ['sources', i]);
      sources.push(r.data);
    }
  });
  const { sources: _all, ...rest } = result.data;
  return { ...rest, sources, live };
}

/** `-2s`, `+1h`, `350ms`, `1.5 min` or a number of seconds, in ms; undefined when unreadable. */
export function parseClockOffset(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value * 1000 : undefined;
  const m = /^([+-]?\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)?$/i.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  const per = unit === 'ms' ? 1 : unit === 'h' ? 3_600_000 : unit.startsWith('m') ? 60_000 : 1000;
  return n * per;
}
