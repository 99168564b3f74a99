/**
 * The unit of extension for live evidence: `{ id, options, collect(ctx, options) }`, one folder each
 * (`connectors/<id>/`). A connector queries one kind of server for the incident window and writes
 * what it got into snapshot files that the ingest formats read, so every later command works
 * offline on the snapshot.
 */
import type { z } from 'zod';
import type { Diagnostic } from '../core/diagnostic.js';
import type { HttpClient } from './http.js';
import type { CommandRunner } from './command.js';
import type { SnapshotWriter } from './snapshot.js';

/** The incident window, UTC epoch ms, `since` inclusive and `until` exclusive. */
export interface Window {
  since: number;
  until: number;
}

/** How much one source may bring; reaching a limit stops the source with a gap, never silently. */
export interface Limits {
  /** Items (events, samples, messages) per source. */
  maxItems: number;
  /** Bytes of one HTTP response body. */
  maxResponseBytes: number;
}

export const DEFAULT_LIMITS: Limits = { maxItems: 1_000_000, maxResponseBytes: 256 * 1024 * 1024 };

export interface CollectContext {
  /** The source's name in the case file: the folder `evidence/<name>/` and the timeline source id. */
  readonly source: string;
  /** The case folder: relative paths in a source's options (an export, a trace folder) are read from here. */
  readonly caseDir: string;
  readonly window: Window;
  readonly limits: Limits;
  /** HTTP with timeouts, bounded retries on 429/5xx and the source's credentials applied. */
  readonly http: HttpClient;
  /** Runs a local command (journalctl, kubectl, or the wrapper the case file gives). */
  readonly run: CommandRunner;
  /** Environment variables, where credentials come from (their names are in the case file). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal: AbortSignal;
  /**
   * Opens a snapshot file under `evidence/<source>/` that becomes visible only when the collect of
   * this source succeeds. `format` is the ingest format that reads it (`jsonl` for JSON lines),
   * or `prometheus-matrix` for metric series.
   */
  open(name: string, format: string): SnapshotWriter;
  /** Records what could not be collected; the analysis and the draft name it. */
  gap(message: string, data?: Record<string, string | number>): void;
  /** Anything else the user should be told (a limit reached, a fallback taken). */
  report(d: Diagnostic): void;
  /** Items so far, for the progress bar and the item limit. */
  progress(items: number): void;
}

export interface Connector<O = unknown> {
  /** kebab-case; the `type:` of a source in aftermath.yaml and the folder name. */
  readonly id: string;
  /** One line for `aftermath collect --help` and docs/sources.md. */
  readonly description: string;
  /**
   * The source's options in aftermath.yaml beyond `name` and `type`, validated before anything is
   * fetched. Credentials are never options: the options name environment variables.
   */
  readonly options: z.ZodType<O>;
  /**
   * What identifies the query, for the manifest and for deciding whether a snapshot is still
   * current (same window, same query): e.g. the PromQL expressions. Never a credential.
   */
  describe(options: O): string;
  /** Credentials and headers for every request of this source, read from `ctx.env`. */
  auth?(options: O, env: Readonly<Record<string, string | undefined>>): Record<string, string>;
  collect(ctx: CollectContext, options: O): Promise<void>;
}

/** Identity helper that keeps the options type (`defineConnector({ ... })`). */
export function defineConnector<O>(c: Connector<O>): Connector<O> {
  return c;
}
