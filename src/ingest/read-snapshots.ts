/** Live sources of a case are read from what `aftermath collect` wrote: `evidence/manifest.json` and the files it lists. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import {
  EVIDENCE_DIR,
  MANIFEST_FILE,
  METRIC_FORMAT,
  parseManifest,
  type Manifest,
} from '../core/manifest.js';
import { ConfigError } from '../errors.js';
import { parseClockOffset, type CaseConfig } from './case-config.js';
import type { MetricFileSpec, ResolveOptions } from './read-paths.js';
import type { SourceSpec } from './source.js';

interface Out {
  specs: SourceSpec[];
  metrics: MetricFileSpec[];
  diagnostics: Diagnostic[];
}

/** Adds a spec per snapshot file of each live source; a source not collected, or collected with gaps, becomes a diagnostic. */
export async function readSnapshots(
  caseDir: string,
  config: CaseConfig,
  options: ResolveOptions,
  out: Out,
): Promise<void> {
  const file = join(caseDir, EVIDENCE_DIR, MANIFEST_FILE);
  let manifest: Manifest | undefined;
  try {
    manifest = parseManifest(await readFile(file, 'utf8'), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      out.diagnostics.push(
        diagnostic('collect/bad-manifest', file, 'error', (err as Error).message, { cause: err }),
      );
    }
  }
  for (const s of config.live) {
    const entry = manifest?.sources[s.name];
    if (!entry || (entry.files.length === 0 && entry.gaps.length === 0)) {
      out.diagnostics.push(
        diagnostic(
          'collect/not-collected',
          s.name,
          'warning',
          `source "${s.name}" (${s.type}) has not been collected; run \`aftermath collect ${caseDir}\``,
        ),
      );
      continue;
    }
    for (const g of entry.gaps) {
      out.diagnostics.push(
        diagnostic(
          'collect/gap',
          s.name,
          'warning',
          `${s.name} (${s.type}): ${g.message}`,
          g.data ? { data: g.data } : {},
        ),
      );
    }
    const tz =
      options.tz !== undefined
        ? { tz: options.tz, tzOrigin: 'flag' as const }
        : (s.tz ?? config.tz) !== undefined
          ? { tz: (s.tz ?? config.tz)!, tzOrigin: 'config' as const }
          : {};
    let shift = {};
    if (s.clock_offset !== undefined) {
      const ms = parseClockOffset(s.clock_offset);
      if (ms === undefined) {
        throw new ConfigError(
          `source "${s.name}": clock_offset: cannot read "${s.clock_offset}"; expected e.g. -2s, +1h, 350ms`,
        );
      }
      shift = { clockOffsetMs: ms };
    }
    // An empty answer (no silences, no matching lines) is a fact the manifest records, not a
    // source; names still count every file collected, so they do not change with the answers.
    const files = entry.files.filter((f) => f.items > 0);
    for (const f of files) {
      const path = join(caseDir, EVIDENCE_DIR, s.name, ...f.path.split('/'));
      if (f.format === METRIC_FORMAT) {
        out.metrics.push({ source: s.name, path, ...shift });
        continue;
      }
      const name =
        entry.files.length === 1 ? s.name : `${s.name}/${f.path.replace(/\.(jsonl|log|txt)$/, '')}`;
      out.specs.push({ name, path, format: f.format, ...tz, ...shift });
    }
  }
}
