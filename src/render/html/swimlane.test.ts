import { describe, expect, it } from 'vitest';
import { smallAnalysis } from '../../../test/fixtures/report/small-analysis.js';
import { swimlane } from './swimlane.js';

describe('swimlane', () => {
  const a = smallAnalysis();
  const svg = swimlane(a, [
    { ms: Date.parse('2026-03-02T10:05:00Z'), time: '10:05', event: 'Paged <b>' },
  ]).value;

  it('draws a lane per source, one for the document, and links each dot to its moment', () => {
    const lanes = [...svg.matchAll(/class="lane-name"\s*>([^<]*)</g)].map((m) => m[1]?.trim());
    expect(lanes).toEqual(['app', 'edge', 'git', 'alertmanager', 'postmortem']);
    for (let i = 0; i < a.moments.length; i++) expect(svg).toContain(`href="#moment-${i}"`);
    expect(svg).toContain('href="#postmortem"');
  });

  it('pins moments outside the window to its edge and says so', () => {
    expect(svg).toContain('(before the window: drawn at its start)');
    expect(svg).toMatch(/<circle\s+cx="140.0"/);
  });

  it('escapes what it writes', () => {
    expect(svg).not.toMatch(/<script|<img|<b>/);
    expect(svg).toContain('Paged &lt;b&gt;');
  });
});
