/**
 * A postmortem drafted from an analysis: the front-matter times, the impact in numbers, an
 * evidence-linked timeline, detection and recovery facts and candidate contributing factors,
 * inside marked regions; everything else is the template's, for people to write. Drafting again
 * over an edited document rewrites the marked regions only and fills front-matter times that are
 * still empty, so nothing people wrote is lost.
 */
import type { Analysis } from '../../analysis/analyze.js';
import type { TextEdit } from '../edit.js';
import { setFrontMatterFields, type FieldValue } from '../edit-front-matter.js';
import { upsertRegions, type Region } from '../regions.js';
import { newDocument } from '../templates/new-document.js';
import type { PostmortemDocument } from '../types.js';
import {
  candidateFactors,
  detectionFacts,
  impactFacts,
  recoveryFacts,
  responseFacts,
  summaryFacts,
  timelineTable,
  type FactsContext,
} from './facts.js';

export interface DraftOptions extends FactsContext {
  title: string;
  id?: string;
  template?: string;
  now?: Date;
}

const NOTE = 'generated from the evidence; edits inside are replaced when drafting again';

function regions(a: Analysis, ctx: FactsContext): Region[] {
  const parts: Omit<Region, 'tool' | 'note'>[] = [
    { name: 'summary', section: 'summary', mode: 'prepend', text: summaryFacts(a) },
    { name: 'impact', section: 'impact', mode: 'replace', text: impactFacts(a, ctx) },
    { name: 'timeline', section: 'timeline', mode: 'replace', text: timelineTable(a, ctx) },
    { name: 'detection', section: 'detection', mode: 'prepend', text: detectionFacts(a, ctx) },
    { name: 'response', section: 'response', mode: 'prepend', text: responseFacts(a) },
    { name: 'recovery', section: 'recovery', mode: 'prepend', text: recoveryFacts(a, ctx) },
    {
      name: 'candidates',
      section: 'contributing-factors',
      mode: 'prepend',
      text: `**Candidates from the evidence** (confirm and move each into a group below, or delete it)\n\n${candidateFactors(a, ctx)}`,
    },
  ];
  return parts.map((p) => ({ ...p, tool: 'draft', note: NOTE }));
}

/** The front-matter times from the MTTx points (ISO 8601 UTC), only those the evidence sets. */
function times(a: Analysis): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  const p = a.mttx.points;
  const iso = (ms: number | null): string | undefined =>
    ms === null ? undefined : new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
  for (const [field, point] of [
    ['started', p.started],
    ['detected', p.detected],
    ['acknowledged', p.acknowledged],
    ['mitigated', p.mitigated],
    ['resolved', p.resolved],
  ] as const) {
    const v = iso(point.ts);
    if (v !== undefined) out[field] = v;
  }
  return out;
}

/**
 * Drafts a new postmortem, or (given the text of an existing one) refreshes its evidence-derived
 * parts.
 *
 * @example
 * const { analysis } = await analyzeIncident(['examples/pool-exhaustion']);
 * const md = draftPostmortem(analysis, { title: 'Pool exhaustion', link: (f) => f });
 */
export function draftPostmortem(a: Analysis, options: DraftOptions, existing?: string): string {
  const start = a.mttx.points.started.ts;
  const text =
    existing ??
    newDocument({
      title: options.title,
      template: options.template ?? 'default',
      ...(options.id !== undefined ? { id: options.id } : {}),
      ...(options.now ? { now: options.now } : start !== null ? { now: new Date(start) } : {}),
    });
  return upsertRegions(text, regions(a, options), (doc) => frontMatterEdits(doc, a));
}

function frontMatterEdits(doc: PostmortemDocument, a: Analysis): TextEdit[] {
  const data = (doc.frontMatter?.data ?? {}) as Record<string, unknown>;
  const empty = (k: string): boolean => data[k] === undefined || data[k] === null || data[k] === '';
  const fill: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(times(a))) if (empty(k)) fill[k] = v;
  return Object.keys(fill).length > 0 ? setFrontMatterFields(doc, fill) : [];
}
