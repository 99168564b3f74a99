/**
 * `.aftermathrc.yaml`: rule levels and options, phrase lists, the clock. Parsing is pure; finding
 * the file takes an `exists` function so that the caller does the I/O.
 */
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Severity } from '../core/diagnostic.js';
import { ConfigError } from '../errors.js';
import { NO_PHRASES, type Phrases } from './define-rule.js';
import { RULES } from './rules/index.js';

export const CONFIG_FILES = ['.aftermathrc.yaml', '.aftermathrc.yml'] as const;

export type RuleLevel = 'off' | Severity;
export const LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

export interface RuleSetting {
  level?: RuleLevel;
  options?: Record<string, unknown>;
}

export interface LintConfig {
  /** The file it came from, for messages. */
  file?: string;
  rules: Record<string, RuleSetting>;
  phrases: Phrases;
  /** "Today" for date rules, UTC ms (default: the time of the run). */
  now?: number;
  /** Accepted severities (default SEV1–SEV4, P1–P4). */
  severityScale?: string[];
}

export const EMPTY_CONFIG: LintConfig = { rules: {}, phrases: NO_PHRASES };

const LEVEL_MESSAGE = 'expected off, info, warning or error';

const level = z
  .string({ message: LEVEL_MESSAGE })
  .transform((s) => (s.trim().toLowerCase() === 'warn' ? 'warning' : s.trim().toLowerCase()))
  .pipe(z.enum(['off', 'info', 'warning', 'error'], { message: LEVEL_MESSAGE }));

const options = z.record(z.string(), z.unknown(), {
  message: 'expected options as key: value pairs',
});

/** `level`, `[level]`, `[level, {options}]` or `{ level, options }`. */
const ruleValue = z.unknown().transform((v, ctx): RuleSetting => {
  const fail = (message: string, path: PropertyKey[] = []): never => {
    ctx.addIssue({ code: 'custom', message, path });
    return z.NEVER;
  };
  const readLevel = (x: unknown, path: PropertyKey[]): RuleLevel => {
    const l = level.safeParse(x);
    return l.success
      ? (l.data as RuleLevel)
      : fail(`${LEVEL_MESSAGE}, got ${JSON.stringify(x)}`, path);
  };
  const readOptions = (x: unknown, path: PropertyKey[]): Record<string, unknown> => {
    const o = options.safeParse(x);
    return o.success ? o.data : fail('expected options as key: value pairs', path);
  };
  if (typeof v === 'string') return { level: readLevel(v, []) };
  if (Array.isArray(v)) {
    if (v.length === 0 || v.length > 2) return fail('expected [level] or [level, { options }]');
    const out: RuleSetting = { level: readLevel(v[0], [0]) };
    if (v.length === 2) out.options = readOptions(v[1], [1]);
    return out;
  }
  if (v && typeof v === 'object') {
    const { level: l, options: o, ...rest } = v as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined)
      return fail(`unexpected key "${extra}" (expected level and options)`, [extra]);
    const out: RuleSetting = {};
    if (l !== undefined) out.level = readLevel(l, ['level']);
    if (o !== undefined) out.options = readOptions(o, ['options']);
    return out;
  }
  return fail(`${LEVEL_MESSAGE}, or [level, { options }]`);
});

const phraseList = z.array(z.string().min(1)).default([]);

const schema = z
  .object({
    rules: z.record(z.string(), ruleValue).default({}),
    phrases: z
      .object({ judgemental: phraseList, vague: phraseList, people: phraseList, allow: phraseList })
      .strict()
      .default({ judgemental: [], vague: [], people: [], allow: [] }),
    now: z
      .union([z.string(), z.date()])
      .transform((v, ctx) => {
        const ms = v instanceof Date ? v.getTime() : Date.parse(v);
        if (Number.isNaN(ms)) {
          ctx.addIssue({
            code: 'custom',
            message: `expected an ISO 8601 date, got "${String(v)}"`,
          });
          return z.NEVER;
        }
        return ms;
      })
      .optional(),
    severity_scale: z.array(z.string().min(1)).min(1).optional(),
    /** Read and validated by src/trackers/config.ts (`aftermath actions`). */
    trackers: z.unknown().optional(),
  })
  .strict();

function fail(file: string, path: readonly PropertyKey[], message: string): never {
  const where = path.length > 0 ? `${path.map(String).join('.')}: ` : '';
  throw new ConfigError(`${file}: ${where}${message}`);
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = row;
  }
  return prev[b.length]!;
}

/** The closest rule id to a misspelt one. */
function closest(id: string): string | undefined {
  const best = Object.keys(RULES).sort((a, b) => distance(id, a) - distance(id, b))[0];
  return best && distance(id, best) <= Math.max(3, id.length / 3) ? best : undefined;
}

/** Checks a rule's level and options against the registry; throws a one-line ConfigError. */
export function checkRuleSetting(file: string, id: string, setting: RuleSetting): RuleSetting {
  const rule = RULES[id];
  if (!rule) {
    const hint = closest(id);
    fail(file, ['rules', id], `unknown rule${hint ? ` (did you mean ${hint}?)` : ''}`);
  }
  if (setting.options === undefined) return setting;
  const parsed = rule.meta.options.safeParse(setting.options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(file, ['rules', id, 'options', ...issue.path], issue.message);
  }
  return setting;
}

/**
 * Parses a config file's text.
 *
 * @example
 * parseConfig('rules:\n  action-item-priority: off\n', '.aftermathrc.yaml');
 */
export function parseConfig(text: string, file: string): LintConfig {
  const doc = parseDocument(text, { prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const line = text.slice(0, err.pos[0]).split('\n').length;
    fail(file, [], `invalid YAML at line ${line}: ${err.message.split('\n')[0]}`);
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(file, issue.path, issue.message);
  }
  const v = parsed.data;
  const rules: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(v.rules))
    rules[id] = checkRuleSetting(file, id, setting);
  const config: LintConfig = { file, rules, phrases: v.phrases };
  if (v.now !== undefined) config.now = v.now;
  if (v.severity_scale) config.severityScale = v.severity_scale;
  return config;
}

/** The config file for a document in `dir`: the nearest `.aftermathrc.yaml` in it or above it. */
export function findConfigFile(dir: string, exists: (path: string) => boolean): string | undefined {
  for (let d = dir; ;) {
    for (const name of CONFIG_FILES) {
      const p = join(d, name);
      if (exists(p)) return p;
    }
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** `id=level` from the command line. */
export function parseRuleFlag(flag: string): [string, RuleLevel] {
  const m = /^\s*([a-z0-9-]+)\s*[=:]\s*(\w+)\s*$/.exec(flag);
  if (!m)
    throw new ConfigError(
      `--rule: expected id=level (e.g. action-item-priority=off), got "${flag}"`,
    );
  const l = level.safeParse(m[2]);
  if (!l.success)
    throw new ConfigError(`--rule ${m[1]}: expected off, info, warning or error, got "${m[2]}"`);
  checkRuleSetting('--rule', m[1]!, {});
  return [m[1]!, l.data as RuleLevel];
}

/** A config with command-line levels on top. */
export function withRuleLevels(
  config: LintConfig,
  levels: readonly [string, RuleLevel][],
): LintConfig {
  const rules = { ...config.rules };
  for (const [id, l] of levels) rules[id] = { ...rules[id], level: l };
  return { ...config, rules };
}
