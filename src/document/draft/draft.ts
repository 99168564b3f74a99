/**
 * A postmortem drafted from an analysis: the front-matter times, the impact in numbers, an
 * evidence-linked timeline, detection and recovery facts and candidate contributing factors,
 * inside marked regions; everything else is the template's, for people to write. Drafting again
 * over an edited document rewrites the marked regions only and fills front-matter times that are
 * still empty, so nothing people wrote is lost.
 */
import type { Analysis } from '../../analysis/analyze.js';
import { applyEdits, lineEnding, type TextEdit } from '../edit.js';
import { setFrontMatterFields, type FieldValue } from '../edit-front-matter.js';
import { parseDocument } from '../parse.js';
import { findSection } from '../query.js';
import { newDocument } from '../templates/new-document.js';
import type { PostmortemDocument, SectionKind } from '../types.js';
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

interface Region {
  name: string;
  section: SectionKind;
  /** `replace`: the region is the section's body (the template's placeholder goes); `prepend`: it goes above what is there. */
  mode: 'replace' | 'prepend';
  text: string;
}

const BEGIN = (name: string): string =>
  `<!-- aftermath:draft ${name} begin: generated from the evidence; edits inside are replaced when drafting again -->`;
const END = (name: string): string => `<!-- aftermath:draft ${name} end -->`;

function regions(a: Analysis, ctx: FactsContext): Region[] {
  return [
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

function wrap(name: string, text: string, nl: string): string {
  return [BEGIN(name), '', text, '', END(name)].join(nl);
}

/** The region's current extent in `text`, markers included. */
function findRegion(text: string, name: string): { start: number; end: number } | undefined {
  const begin = text.indexOf(`<!-- aftermath:draft ${name} begin`);
  if (begin < 0) return undefined;
  const endMarker = END(name);
  const end = text.indexOf(endMarker, begin);
  return end < 0 ? undefined : { start: begin, end: end + endMarker.length };
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
  let text =
    existing ??
    newDocument({
      title: options.title,
      template: options.template ?? 'default',
      ...(options.id !== undefined ? { id: options.id } : {}),
      ...(options.now ? { now: options.now } : start !== null ? { now: new Date(start) } : {}),
    });
  // Regions already in the text are replaced in place (one pass of edits on one parse)…
  const nl = lineEnding(text);
  const all = regions(a, options);
  const inPlace: TextEdit[] = [];
  const missing: Region[] = [];
  for (const r of all) {
    const at = findRegion(text, r.name);
    if (at) inPlace.push({ ...at, text: wrap(r.name, r.text, nl) });
    else missing.push(r);
  }
  text = applyEdits(text, inPlace);
  // …then missing regions go into their sections, and empty front-matter times are filled.
  const doc = parseDocument(text);
  const edits: TextEdit[] = [...frontMatterEdits(doc, a)];
  for (const r of missing) {
    const section = findSection(doc, r.section);
    if (!section) continue;
    const at = section.bodySpan.start.offset;
    const body = text.slice(at, section.bodySpan.end.offset);
    const keepGuidance = /^\s*<!--[\s\S]*?-->/.exec(body);
    if (r.mode === 'replace') {
      // The template's guidance comment stays; its placeholder rows go.
      const from = keepGuidance ? at + keepGuidance[0].length : at;
      edits.push({
        start: from,
        end: section.bodySpan.end.offset,
        text: `${nl}${nl}${wrap(r.name, r.text, nl)}${nl}${nl}`,
      });
    } else {
      const from = keepGuidance ? at + keepGuidance[0].length : at;
      edits.push({ start: from, end: from, text: `${nl}${nl}${wrap(r.name, r.text, nl)}${nl}` });
    }
  }
  return applyEdits(text, edits);
}

function frontMatterEdits(doc: PostmortemDocument, a: Analysis): TextEdit[] {
  const data = (doc.frontMatter?.data ?? {}) as Record<string, unknown>;
  const empty = (k: string): boolean => data[k] === undefined || data[k] === null || data[k] === '';
  const fill: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(times(a))) if (empty(k)) fill[k] = v;
  return Object.keys(fill).length > 0 ? setFrontMatterFields(doc, fill) : [];
}
