import { relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../analysis/analyze.js';
import { analyzeIncident } from '../../pipeline/analyze-incident.js';
import { parseDocument } from '../parse.js';
import { findSection } from '../query.js';
import { newDocument } from '../templates/new-document.js';
import { draftPostmortem } from './draft.js';

const example = resolve(import.meta.dirname, '../../../examples/pool-exhaustion');
const link = (f: string): string => relative(example, resolve(f));
let analysis: Analysis;

beforeAll(async () => {
  analysis = (await analyzeIncident([example])).analysis;
});

describe('draftPostmortem', () => {
  it('fills the front-matter times, the impact and an evidence-linked timeline', () => {
    const md = draftPostmortem(analysis, { title: 'Pool exhaustion', link });
    const doc = parseDocument(md);
    expect(doc.frontMatter?.data.started).toBeDefined();
    expect(String(doc.frontMatter!.raw)).toContain('detected: 2026-11-22T19:41:21.813Z');
    expect(findSection(doc, 'impact')!.text).toContain('2,178 of 7,081');
    expect(doc.timeline!.entries.length).toBeGreaterThan(10);
    const first5xx = doc.timeline!.entries.find((e) =>
      e.event.text.includes('first error in nginx'),
    );
    expect(first5xx?.source?.text).toContain('nginx/access.log:7477');
    // Rows are in order and in UTC.
    const times = doc.timeline!.entries.map((e) => e.ms!);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(doc.timeline!.entries.every((e) => e.zoned)).toBe(true);
    for (const stage of ['Impact starts', 'Detected', 'Mitigated', 'Resolved'])
      expect(md).toContain(`**${stage}**`);
  });

  it('refreshes only its own regions and empty times when drafted again over an edited document', () => {
    const first = draftPostmortem(analysis, { title: 'Pool exhaustion', link });
    const edited = first
      .replace('detected: 2026-11-22T19:41:21.813Z', 'detected: 2026-11-22T19:41:30Z')
      .replace(
        /(## Root cause\n\n<!--[\s\S]*?-->)/,
        '$1\n\nThe order page ran an unindexed query per request; the pool allowed 80 connections.',
      )
      .replace('2,178 of 7,081', 'SOMEONE TYPED HERE');
    const again = draftPostmortem(analysis, { title: 'Pool exhaustion', link }, edited);
    expect(again).toContain('detected: 2026-11-22T19:41:30Z');
    expect(again).toContain('the pool allowed 80 connections');
    expect(again).toContain('2,178 of 7,081');
    expect(again).not.toContain('SOMEONE TYPED HERE');
    // Drafting is idempotent on its own output.
    expect(draftPostmortem(analysis, { title: 'Pool exhaustion', link }, again)).toBe(again);
  });

  it('adds its regions to a document started from another template', () => {
    const minimal = newDocument({ title: 'Pool exhaustion', template: 'minimal' });
    const md = draftPostmortem(analysis, { title: 'ignored', link }, minimal);
    const doc = parseDocument(md);
    expect(findSection(doc, 'timeline')?.text ?? '').toContain('first error in nginx');
    expect(md.startsWith(minimal.slice(0, 20))).toBe(true);
  });
});
