/** The Loghub 2k datasets beside the project, and Drain's published accuracy on them. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DEFAULT_DATASETS = resolve(ROOT, '../shared/datasets/loghub-2k');

/** Drain's grouping accuracy, Zhu et al., "Tools and Benchmarks for Automated Log Parsing", ICSE-SEIP 2019, table III. */
export const DRAIN_GA: Record<string, number> = {
  HDFS: 0.998,
  Hadoop: 0.948,
  Spark: 0.92,
  Zookeeper: 0.967,
  BGL: 0.963,
  HPC: 0.887,
  Linux: 0.69,
  Apache: 1.0,
  Windows: 0.997,
};

export const SYSTEMS = Object.keys(DRAIN_GA);

export interface Dataset {
  system: string;
  log: string;
  structured: string;
}

/** The datasets present under `dir`, in the paper's order. */
export function findDatasets(dir: string, only?: readonly string[]): Dataset[] {
  return SYSTEMS.filter((s) => !only || only.includes(s))
    .map((system) => ({
      system,
      log: join(dir, system, `${system}_2k.log`),
      structured: join(dir, system, `${system}_2k.log_structured.csv`),
    }))
    .filter((d) => existsSync(d.log) && existsSync(d.structured));
}
