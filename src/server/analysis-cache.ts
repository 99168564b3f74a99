/** Each case's analysis, computed once and kept in memory: reading the evidence is the slow part. */
import { realpath } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { Analysis } from '../analysis/analyze.js';
import { analyzeIncident } from '../pipeline/analyze-incident.js';
import { analysisToJson } from '../render/analysis-json.js';

export interface CaseAnalysis {
  /** The analysis itself, for drafting a postmortem from it. */
  analysis: Analysis;
  /** The analysis JSON (docs/analysis-schema.md), evidence paths relative to the case folder. */
  json: Record<string, unknown>;
  /** Real paths of the evidence files the case's sources read: the only files drill-down opens. */
  files: Set<string>;
  computedAt: string;
}

/** Evidence paths as the UI sends them back: relative to the case folder, `/`-separated. */
function relativeFiles(value: unknown, dir: string): unknown {
  if (Array.isArray(value)) return value.map((v) => relativeFiles(v, dir));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] =
      k === 'file' && typeof v === 'string'
        ? relative(dir, resolve(v)).split(sep).join('/')
        : relativeFiles(v, dir);
  return out;
}

async function real(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    return undefined;
  }
}

export async function computeCaseAnalysis(dir: string): Promise<CaseAnalysis> {
  const result = await analyzeIncident([dir]);
  const files = new Set<string>();
  for (const s of result.sources) {
    const path = await real(resolve(dir, s.file));
    if (path !== undefined) files.add(path);
  }
  return {
    analysis: result.analysis,
    json: relativeFiles(analysisToJson(result.analysis), dir) as Record<string, unknown>,
    files,
    computedAt: new Date().toISOString(),
  };
}

/** One computation per case at a time: concurrent requests share the promise. */
export class AnalysisCache {
  private readonly entries = new Map<string, Promise<CaseAnalysis>>();

  get(dir: string, refresh = false): Promise<CaseAnalysis> {
    let entry = this.entries.get(dir);
    if (entry === undefined || refresh) {
      entry = computeCaseAnalysis(dir);
      // A failed analysis is not cached: the next request tries again (the files may be fixed).
      entry.catch(() => this.entries.delete(dir));
      this.entries.set(dir, entry);
    }
    return entry;
  }
}
