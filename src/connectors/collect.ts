/**
 * `aftermath collect`: snapshot each live source of a case into `evidence/<name>/` for the incident
 * window. A source is written under a temporary folder and renamed into place only when it is
 * done, so an interrupted collect leaves the previous snapshot or none, never half a file; the
 * manifest is rewritten (atomically) after each source.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { EVIDENCE_DIR, type ManifestGap, type ManifestSource } from '../core/manifest.js';
import { AftermathError, ConfigError } from '../errors.js';
import type { LiveSource } from '../ingest/case-config.js';
import {
  DEFAULT_LIMITS,
  type CollectContext,
  type Connector,
  type Limits,
  type Window,
} from './connector.js';
import { runCommand, type CommandRunner } from './command.js';
import { HttpClient, type HttpOptions } from './http.js';
import { loadConnector } from './index.js';
import { readManifest, writeManifest } from './manifest.js';
import { SnapshotWriter } from './snapshot.js';

/** Keys every live source has; the rest of the entry is the connector's options. */
const COMMON_KEYS = new Set(['name', 'type', 'tz', 'clock_offset', 'limit', 'timeout']);

export interface CollectOptions {
  /** The incident window; the case file's when absent. */
  window: Window;
  /** Only these source names. */
  only?: readonly string[];
  /** Collect again even when the snapshot is current. */
  force?: boolean;
  env?: Readonly<Record<string, string | undefined>>;
  limits?: Partial<Limits>;
  /** HTTP settings for every source (tests shorten the backoff). */
  http?: Omit<HttpOptions, 'headers' | 'signal' | 'maxResponseBytes'>;
  run?: CommandRunner;
  signal?: AbortSignal;
  /** Looks a connector up by type (tests pass their own). */
  connector?: (type: string) => Promise<Connector<unknown> | undefined>;
  /** Told as each source starts, progresses and ends (the CLI's progress line). */
  onProgress?: (source: string, items: number) => void;
  now?: () => Date;
}

export type SourceOutcome = 'collected' | 'partial' | 'current' | 'failed';

export interface SourceResult {
  source: string;
  type: string;
  outcome: SourceOutcome;
  items: number;
  files: number;
  gaps: ManifestGap[];
}

export interface CollectResult {
  sources: SourceResult[];
  diagnostics: Diagnostic[];
}

class LimitReached extends Error {}

/** A timeout option (`30s`, `2m`, `500ms` or seconds) in ms. */
export function parseTimeout(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value * 1000;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min)?$/i.exec(value.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 's').toLowerCase();
  return Number(m[1]) * (unit === 'ms' ? 1 : unit.startsWith('m') ? 60_000 : 1000);
}

function sameWindow(entry: ManifestSource, window: Window): boolean {
  return (
    Date.parse(entry.window.since) === window.since &&
    Date.parse(entry.window.until) === window.until
  );
}

/** Leftovers of a collect that was killed: temporary folders nobody will finish. */
async function removeLeftovers(evidence: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(evidence);
  } catch {
    return;
  }
  for (const n of names) {
    if (n.startsWith('.partial-') || n.startsWith('.old-') || n.endsWith('.tmp')) {
      await rm(join(evidence, n), { recursive: true, force: true });
    }
  }
}

/** Collects every live source of the case (or the ones named); never throws for one source's failure. */
export async function collectCase(
  caseDir: string,
  live: readonly LiveSource[],
  options: CollectOptions,
): Promise<CollectResult> {
  const env = options.env ?? process.env;
  const limitsBase: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const evidence = join(caseDir, EVIDENCE_DIR);
  await mkdir(evidence, { recursive: true });
  await removeLeftovers(evidence);
  const manifest = await readManifest(caseDir);
  const diagnostics: Diagnostic[] = [];
  const results: SourceResult[] = [];
  const lookup = options.connector ?? loadConnector;
  const now = options.now ?? (() => new Date());

  if (options.only) {
    const known = new Set(live.map((s) => s.name));
    for (const n of options.only) {
      if (!known.has(n)) {
        throw new ConfigError(
          `--only: no live source named "${n}" in the case file; expected one of: ${[...known].join(', ') || '(none)'}`,
        );
      }
    }
  }
  const chosen = live.filter((s) => !options.only || options.only.includes(s.name));

  // Validate every source before fetching anything: a typo should not cost a 5-minute collect.
  const prepared: {
    source: LiveSource;
    connector: Connector<unknown>;
    opts: unknown;
    query: string;
  }[] = [];
  for (const source of chosen) {
    const connector = await lookup(source.type);
    if (!connector) {
      throw new ConfigError(
        `source "${source.name}": type "${source.type}" has no connector in this build`,
      );
    }
    const raw = Object.fromEntries(Object.entries(source).filter(([k]) => !COMMON_KEYS.has(k)));
    const parsed = connector.options.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length > 0 ? issue.path.join('.') : '(options)';
      throw new ConfigError(`source "${source.name}" (${source.type}): ${where}: ${issue.message}`);
    }
    if (source.timeout !== undefined && parseTimeout(source.timeout) === undefined) {
      throw new ConfigError(
        `source "${source.name}": timeout: cannot read "${source.timeout}"; expected e.g. 30s, 2m, 500ms`,
      );
    }
    prepared.push({ source, connector, opts: parsed.data, query: connector.describe(parsed.data) });
  }

  for (const { source, connector, opts, query } of prepared) {
    options.signal?.throwIfAborted();
    const previous = manifest.sources[source.name];
    if (
      !options.force &&
      previous?.complete === true &&
      previous.type === source.type &&
      previous.query === query &&
      sameWindow(previous, options.window)
    ) {
      results.push({
        source: source.name,
        type: source.type,
        outcome: 'current',
        items: previous.items,
        files: previous.files.length,
        gaps: previous.gaps,
      });
      continue;
    }
    const result = await collectOne(caseDir, source, connector, opts, query, {
      ...options,
      env,
      limits: { ...limitsBase, ...(source.limit !== undefined ? { maxItems: source.limit } : {}) },
      now,
      diagnostics,
      previous,
    });
    if (result.entry) {
      manifest.sources[source.name] = result.entry;
      await writeManifest(caseDir, manifest);
    }
    results.push(result.result);
  }
  return { sources: results, diagnostics };
}

const windowText = (w: Window): { since: string; until: string } => ({
  since: new Date(w.since).toISOString(),
  until: new Date(w.until).toISOString(),
});

interface OneOptions extends CollectOptions {
  previous: ManifestSource | undefined;
  env: Readonly<Record<string, string | undefined>>;
  limits: Limits;
  now: () => Date;
  diagnostics: Diagnostic[];
}

async function collectOne(
  caseDir: string,
  source: LiveSource,
  connector: Connector<unknown>,
  opts: unknown,
  query: string,
  o: OneOptions,
): Promise<{ entry?: ManifestSource; result: SourceResult }> {
  const evidence = join(caseDir, EVIDENCE_DIR);
  const tmp = join(
    evidence,
    `.partial-${source.name}-${process.pid}-${randomBytes(3).toString('hex')}`,
  );
  await mkdir(tmp, { recursive: true });
  const writers: SnapshotWriter[] = [];
  const gaps: ManifestGap[] = [];
  const where = `${source.name} (${source.type})`;
  const fail = (message: string, data?: Record<string, string | number>): void => {
    gaps.push(data ? { message, data } : { message });
    o.diagnostics.push(
      diagnostic(
        'collect/gap',
        source.name,
        'warning',
        `${where}: ${message}`,
        data ? { data } : {},
      ),
    );
  };
  let items = 0;
  let failed = false;
  try {
    let headers: Record<string, string> = {};
    try {
      headers = connector.auth?.(opts, o.env) ?? {};
    } catch (err) {
      fail((err as Error).message);
      failed = true;
    }
    if (!failed) {
      const timeoutMs = parseTimeout(source.timeout);
      const http = new HttpClient({
        ...o.http,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        headers,
        maxResponseBytes: o.limits.maxResponseBytes,
        ...(o.signal ? { signal: o.signal } : {}),
        onRetry: (r) => {
          o.diagnostics.push(
            diagnostic(
              'collect/retry',
              source.name,
              'info',
              `${where}: ${r.reason} from ${r.url}; retry ${r.attempt} in ${(r.delayMs / 1000).toFixed(1)} s`,
            ),
          );
          o.http?.onRetry?.(r);
        },
      });
      const ctx: CollectContext = {
        source: source.name,
        caseDir,
        window: o.window,
        limits: o.limits,
        http,
        run: o.run ?? runCommand,
        env: o.env,
        signal: o.signal ?? new AbortController().signal,
        open(name, format) {
          if (name.includes('..') || name.startsWith('/'))
            throw new Error(`snapshot name "${name}" leaves the source folder`);
          const w = new SnapshotWriter(tmp, name, format);
          writers.push(w);
          return w;
        },
        gap: fail,
        report: (d) => o.diagnostics.push(d),
        progress(n) {
          items = n;
          o.onProgress?.(source.name, n);
          if (n > o.limits.maxItems) throw new LimitReached();
        },
      };
      try {
        await connector.collect(ctx, opts);
      } catch (err) {
        if (err instanceof LimitReached) {
          // Deliberate: what was fetched up to the limit is kept, and the gap says so.
          fail(
            `stopped at the limit of ${o.limits.maxItems} items (raise \`limit:\` in the case file to get more)`,
            { limit: o.limits.maxItems },
          );
        } else if (o.signal?.aborted) {
          throw err;
        } else {
          fail(err instanceof AftermathError ? err.message : `failed: ${(err as Error).message}`);
          failed = true;
        }
      }
    }
    if (failed) {
      for (const w of writers) await w.discard();
      const result: SourceResult = {
        source: source.name,
        type: source.type,
        outcome: 'failed',
        items: 0,
        files: 0,
        gaps,
      };
      // A failure keeps the previous snapshot's files (if any) and records the gap, so every later
      // command names it and the next collect tries again.
      const entry: ManifestSource = o.previous
        ? { ...o.previous, complete: false, gaps }
        : {
            type: source.type,
            query,
            window: windowText(o.window),
            fetchedAt: o.now().toISOString(),
            items: 0,
            complete: false,
            files: [],
            gaps,
          };
      return { entry, result };
    }
    const files = [];
    for (const w of writers) files.push(await w.close());
    const total = files.reduce((n, f) => n + f.items, 0);
    const final = join(evidence, source.name);
    const old = join(evidence, `.old-${source.name}-${process.pid}`);
    await rename(final, old).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await rename(tmp, final);
    await rm(old, { recursive: true, force: true });
    const entry: ManifestSource = {
      type: source.type,
      query,
      window: windowText(o.window),
      fetchedAt: o.now().toISOString(),
      items: total,
      complete: gaps.length === 0 || gaps.every((g) => g.data?.limit !== undefined),
      files,
      gaps,
    };
    return {
      entry,
      result: {
        source: source.name,
        type: source.type,
        outcome: gaps.length === 0 ? 'collected' : 'partial',
        items: total || items,
        files: files.length,
        gaps,
      },
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
