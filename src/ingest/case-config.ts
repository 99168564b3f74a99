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

export const CaseSchema = z.strictObject({
  title: z.string().optional(),
  /** Default zone of zone-less timestamps for every source. */
  tz: z.string().min(1).optional(),
  /** The incident window, as --since/--until take it. */
  window: z.strictObject({ since: z.string().optional(), until: z.string().optional() }).optional(),
  sources: z.array(SourceSchema).min(1),
});

export type CaseConfig = z.infer<typeof CaseSchema>;
export type CaseSource = z.infer<typeof SourceSchema>;

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
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new ConfigError(`${file}: ${where}: ${issue.message}`);
  }
  return result.data;
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
