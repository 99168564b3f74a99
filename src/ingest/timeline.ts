/** The merged timeline: paths in, sources resolved and read, events out in UTC order. */
import type { Diagnostic } from '../core/diagnostic.js';
import type { LogEvent } from '../core/event.js';
import type { CaseConfig } from './case-config.js';
import type { EventFilter } from './filter.js';
import { mergeSources } from './merge.js';
import {
  resolveInputs,
  type MetricFileSpec,
  type ResolvedInputs,
  type ResolveOptions,
} from './read-paths.js';
import { readSource } from './read-source.js';
import type { SourceSpec, SourceSummary } from './source.js';

export interface TimelineOptions extends ResolveOptions {
  filter?: EventFilter;
  /** Keep only sources whose id matches one of these globs (`*`, `?`, `**`). */
  sources?: readonly string[];
  /** Bytes read so far across all sources, for progress bars. */
  onProgress?: (bytes: number) => void;
  /**
   * Milliseconds to add to each named source's timestamps before the merge (clock skew or a
   * wrong zone corrected; see analysis/skew-corrections).
   */
  clockOffsets?: ReadonlyMap<string, number>;
}

export interface Timeline {
  specs: SourceSpec[];
  /** One per source, complete once `events` has been consumed. */
  sources: SourceSummary[];
  /** Problems found while resolving paths (per-source ones are in each summary). */
  diagnostics: Diagnostic[];
  caseConfig?: CaseConfig;
  caseDir?: string;
  /** Metric-series snapshot files of the case's live sources (not part of `events`). */
  metrics: MetricFileSpec[];
  events: AsyncIterable<LogEvent[]>;
}

/** The sources a timeline of these paths reads, after the --source globs. */
export async function resolveTimelineSources(
  paths: readonly string[],
  options: TimelineOptions = {},
): Promise<ResolvedInputs> {
  const resolved = await resolveInputs(paths, options);
  if (options.sources && options.sources.length > 0) {
    const globs = options.sources.map(globToRegExp);
    resolved.specs = resolved.specs.filter((s) => globs.some((g) => g.test(s.name)));
    if (resolved.metrics)
      resolved.metrics = resolved.metrics.filter((m) => globs.some((g) => g.test(m.source)));
  }
  for (const spec of resolved.specs) {
    const ms = options.clockOffsets?.get(spec.name);
    if (ms) spec.clockOffsetMs = (spec.clockOffsetMs ?? 0) + ms;
  }
  for (const m of resolved.metrics ?? []) {
    const ms = options.clockOffsets?.get(m.source);
    if (ms) m.clockOffsetMs = (m.clockOffsetMs ?? 0) + ms;
  }
  return resolved;
}

/** `*` within a path segment, `**` across, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Opens the merged timeline of the given paths. Reading starts when `events` is iterated; the
 * summaries fill in as it goes.
 *
 * @example
 * const tl = await openTimeline(['examples/pool-exhaustion']);
 * for await (const batch of tl.events) for (const e of batch) console.log(e.ts, e.message);
 */
export async function openTimeline(
  paths: readonly string[],
  options: TimelineOptions = {},
): Promise<Timeline> {
  const resolved = await resolveTimelineSources(paths, options);
  const specs = resolved.specs;
  const progress = specs.map(() => 0);
  const opened = specs.map((spec, i) =>
    readSource(spec, {
      ...(options.filter ? { filter: options.filter } : {}),
      ...(options.onProgress
        ? {
            onProgress: (bytes: number) => {
              progress[i] = bytes;
              options.onProgress!(progress.reduce((a, b) => a + b, 0));
            },
          }
        : {}),
    }),
  );
  const timeline: Timeline = {
    specs,
    sources: opened.map((o) => o.summary),
    diagnostics: resolved.diagnostics,
    metrics: resolved.metrics ?? [],
    events: mergeSources(opened.map((o) => o.events)),
  };
  if (resolved.caseConfig) timeline.caseConfig = resolved.caseConfig;
  if (resolved.caseDir) timeline.caseDir = resolved.caseDir;
  return timeline;
}
