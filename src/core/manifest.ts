/** The evidence manifest (`evidence/manifest.json`): what `collect` fetched, for which query and window. Pure types and parsing; the I/O is in connectors/ and ingest/. */

export const EVIDENCE_DIR = 'evidence';
export const MANIFEST_FILE = 'manifest.json';

export interface SnapshotFile {
  /** Relative to the source's folder `evidence/<source>/`, `/`-separated. */
  path: string;
  /** The ingest format that reads it, or `prometheus-matrix` for metric series. */
  format: string;
  bytes: number;
  /** Items written (JSON lines, samples…), as the connector counted them. */
  items: number;
  sha256: string;
}

export interface ManifestGap {
  message: string;
  data?: Record<string, string | number>;
}

export interface ManifestSource {
  type: string;
  /** What the connector's `describe` said: the query, never a credential. */
  query: string;
  window: { since: string; until: string };
  fetchedAt: string;
  /** Items over all files. */
  items: number;
  /** False when the source failed or part of it did: the next collect tries again. */
  complete: boolean;
  files: SnapshotFile[];
  gaps: ManifestGap[];
}

export interface Manifest {
  version: 1;
  sources: Record<string, ManifestSource>;
}

/** Snapshot files in this format hold metric series (a Prometheus `query_range` answer), not log lines. */
export const METRIC_FORMAT = 'prometheus-matrix';

export function emptyManifest(): Manifest {
  return { version: 1, sources: {} };
}

/** Parses a manifest's text; throws an Error naming `file` when it is not one. */
export function parseManifest(text: string, file: string): Manifest {
  let data: Partial<Manifest>;
  try {
    data = JSON.parse(text) as Partial<Manifest>;
  } catch {
    throw new Error(`${file}: not valid JSON`);
  }
  if (data.version !== 1 || typeof data.sources !== 'object' || data.sources === null) {
    throw new Error(
      `${file}: not an aftermath evidence manifest (expected "version": 1 and "sources")`,
    );
  }
  return data as Manifest;
}
