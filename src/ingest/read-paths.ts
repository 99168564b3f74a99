/** The I/O edge that turns command-line paths (files, folders, case folders, repositories) into sources. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { METRIC_FORMAT } from '../core/manifest.js';
import type { CaseConfig } from './case-config.js';
import { looksLikeMetricAnswer, readHead } from './metrics.js';
import { parseTimestampText } from '../core/time.js';
import { UTC } from '../core/zone.js';
import { ConfigError } from '../errors.js';

/** Name of the case file in an incident folder (see case-config.ts, loaded only when one exists). */
export const CASE_FILE = 'aftermath.yaml';
import { nameRotationFamilies } from './rotation.js';
import type { SourceSpec } from './source.js';

export interface ResolveOptions {
  /** --tz: zone for zone-less timestamps in every source (overrides the case file). */
  tz?: string;
  /** --format: forced for every file. */
  format?: string;
}

export interface ResolvedInputs {
  specs: SourceSpec[];
  diagnostics: Diagnostic[];
  /** The case file, when the single path given was a case folder. */
  caseConfig?: CaseConfig;
  caseDir?: string;
  /** Snapshot files of metric series (Prometheus `query_range` answers), read by the analysis. */
  metrics?: MetricFileSpec[];
}

export interface MetricFileSpec {
  /** The live source's name in the case file. */
  source: string;
  path: string;
  /** Milliseconds added to every sample time: the source's clock error corrected, as for logs. */
  clockOffsetMs?: number;
}

// Files a folder walk never offers as logs.
const SKIP_NAMES = new Set([CASE_FILE, 'node_modules', '.git', '.DS_Store']);
const MAX_FILES = 10_000;

async function isGitRepo(dir: string): Promise<boolean> {
  try {
    await stat(join(dir, '.git'));
    return true;
  } catch {
    return false;
  }
}

async function walk(dir: string, out: string[], diagnostics: Diagnostic[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    diagnostics.push(
      diagnostic(
        'ingest/unreadable',
        dir,
        'error',
        `cannot read folder ${dir}: ${(err as Error).message}`,
        { cause: err },
      ),
    );
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (SKIP_NAMES.has(e.name) || e.name.startsWith('.')) continue;
    if (out.length >= MAX_FILES) {
      diagnostics.push(
        diagnostic(
          'ingest/too-many-files',
          dir,
          'warning',
          `stopped after ${MAX_FILES} files; name the files or subfolders to read`,
        ),
      );
      return;
    }
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (await isGitRepo(p)) out.push(p + sep);
      else await walk(p, out, diagnostics);
    } else if (e.isFile()) out.push(p);
  }
}

/** Source ids: the path relative to the folder given, with `/` separators. */
function displayName(file: string, base: string | undefined): string {
  const rel = base === undefined ? file : relative(base, file) || file;
  return rel.split(sep).join('/').replace(/\/$/, '');
}

/**
 * Whether a file holds metric series rather than log lines: its format says so, or (detected) a
 * `.json` file starts as a Prometheus API answer.
 */
async function isMetricFile(path: string, format: string | undefined): Promise<boolean> {
  if (format !== undefined) return format === METRIC_FORMAT;
  return path.toLowerCase().endsWith('.json') && looksLikeMetricAnswer(await readHead(path));
}

/** Expands paths into source specs; unreadable paths become diagnostics, never exceptions. */
export async function resolveInputs(
  paths: readonly string[],
  options: ResolveOptions = {},
): Promise<ResolvedInputs> {
  const diagnostics: Diagnostic[] = [];
  const specs: SourceSpec[] = [];
  const metrics: MetricFileSpec[] = [];
  const tzFlag = options.tz !== undefined ? { tz: options.tz, tzOrigin: 'flag' as const } : {};
  const forced = options.format !== undefined ? { format: options.format } : {};

  if (paths.length === 1 && paths[0] !== '-') {
    const caseDir = paths[0]!;
    const caseFile = join(caseDir, CASE_FILE);
    let text: string | undefined;
    try {
      text = await readFile(caseFile, 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      // yaml and zod cost memory and start-up time: load them only for a case folder.
      const { parseCaseConfig, parseClockOffset } = await import('./case-config.js');
      const config = parseCaseConfig(text, caseFile);
      for (const s of config.sources) {
        const full = resolve(caseDir, s.path);
        const name = s.name ?? s.path;
        const tz =
          options.tz !== undefined
            ? tzFlag
            : s.tz !== undefined
              ? { tz: s.tz, tzOrigin: 'config' as const }
              : config.tz !== undefined
                ? { tz: config.tz, tzOrigin: 'config' as const }
                : {};
        const format = options.format ?? s.format;
        let boot: { bootTime: number } | Record<string, never> = {};
        if (s.boot_time !== undefined) {
          const t = parseTimestampText(s.boot_time, UTC);
          if (t === undefined) {
            throw new ConfigError(
              `${caseFile}: source "${name}": boot_time: cannot read "${s.boot_time}" as a time; expected ISO 8601 such as 2026-11-22T08:00:00Z`,
            );
          }
          boot = { bootTime: t.ms };
        }
        let shift: { clockOffsetMs: number } | Record<string, never> = {};
        if (s.clock_offset !== undefined) {
          const ms = parseClockOffset(s.clock_offset);
          if (ms === undefined) {
            throw new ConfigError(
              `${caseFile}: source "${name}": clock_offset: cannot read "${s.clock_offset}"; expected e.g. -2s, +1h, 350ms or a number of seconds`,
            );
          }
          shift = { clockOffsetMs: ms };
        }
        const shown = isAbsolute(s.path) ? s.path : join(caseDir, s.path);
        let st;
        try {
          st = await stat(full);
        } catch (err) {
          diagnostics.push(
            diagnostic(
              'ingest/unreadable',
              shown,
              'error',
              `${caseFile}: source "${name}": cannot read ${s.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
            ),
          );
          continue;
        }
        if (s.type === 'git' || (st.isDirectory() && (await isGitRepo(full)))) {
          specs.push({ name, path: shown, kind: 'git', ...tz, ...shift });
        } else if (st.isDirectory()) {
          const files: string[] = [];
          await walk(shown, files, diagnostics);
          for (const f of files) {
            if (await isMetricFile(f, format)) {
              metrics.push({ source: `${name}/${displayName(f, shown)}`, path: f, ...shift });
              continue;
            }
            specs.push({
              name: `${name}/${displayName(f, shown)}`,
              path: f,
              ...tz,
              ...shift,
              ...(format ? { format } : {}),
            });
          }
        } else if (await isMetricFile(full, format))
          metrics.push({ source: name, path: shown, ...shift });
        else
          specs.push({
            name,
            path: shown,
            ...tz,
            ...boot,
            ...shift,
            ...(format ? { format } : {}),
          });
      }
      if (config.live.length > 0) {
        const { readSnapshots } = await import('./read-snapshots.js');
        await readSnapshots(caseDir, config, options, { specs, metrics, diagnostics });
      }
      return { specs: dedupe(specs), diagnostics, caseConfig: config, caseDir, metrics };
    }
  }

  for (const p of paths) {
    if (p === '-') {
      specs.push({ name: 'stdin', path: '-', ...tzFlag, ...forced });
      continue;
    }
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      diagnostics.push(
        diagnostic(
          'ingest/unreadable',
          p,
          'error',
          code === 'ENOENT'
            ? `${p}: no such file or folder`
            : `cannot read ${p}: ${(err as Error).message}`,
          { cause: err },
        ),
      );
      continue;
    }
    if (st.isDirectory()) {
      if (await isGitRepo(p)) {
        specs.push({
          name: displayName(resolve(p), resolve(p, '..')),
          path: p,
          kind: 'git',
          ...tzFlag,
        });
        continue;
      }
      const files: string[] = [];
      await walk(p, files, diagnostics);
      for (const f of files) {
        if (f.endsWith(sep))
          specs.push({ name: displayName(f, p), path: f.slice(0, -1), kind: 'git', ...tzFlag });
        else if (await isMetricFile(f, options.format))
          metrics.push({ source: displayName(f, p), path: f });
        else specs.push({ name: displayName(f, p), path: f, ...tzFlag, ...forced });
      }
    } else if (await isMetricFile(p, options.format))
      metrics.push({ source: displayName(p, undefined), path: p });
    else specs.push({ name: displayName(p, undefined), path: p, ...tzFlag, ...forced });
  }
  return { specs: dedupe(specs), diagnostics, ...(metrics.length > 0 ? { metrics } : {}) };
}

/**
 * Unique source names (`x.log#2` for a second `x.log`), except that the files of one rotated log
 * share theirs (see rotation.ts).
 */
function dedupe(specs: SourceSpec[]): SourceSpec[] {
  const family = nameRotationFamilies(specs);
  const owner = new Map<string, string | SourceSpec>();
  const count = new Map<string, number>();
  for (const s of specs) {
    const mine = family.get(s) ?? s;
    const first = owner.get(s.name);
    if (first === undefined) {
      owner.set(s.name, mine);
      count.set(s.name, 1);
    } else if (first !== mine) {
      const n = (count.get(s.name) ?? 1) + 1;
      count.set(s.name, n);
      s.name = `${s.name}#${n}`;
    }
  }
  return specs;
}
