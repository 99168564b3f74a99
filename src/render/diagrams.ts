/** Puts the Mermaid diagrams into a postmortem, each after the section it draws, refreshed in place. */
import { parseDocument } from '../document/parse.js';
import { upsertRegions, type Region } from '../document/regions.js';
import { fishboneDiagram, fiveWhysDiagram, timelineDiagram } from './mermaid.js';

const NOTE = 'drawn from the section above by `aftermath render`; replaced when rendering again';

/** The document with its diagrams embedded (or refreshed); unchanged where a part is empty. */
export function withDiagrams(text: string): string {
  const doc = parseDocument(text);
  const regions: Region[] = [];
  const add = (name: string, section: Region['section'], chart: string | undefined): void => {
    if (chart)
      regions.push({
        tool: 'diagram',
        name,
        section,
        mode: 'append',
        note: NOTE,
        text: ['```mermaid', chart, '```'].join('\n'),
      });
  };
  add('timeline', 'timeline', timelineDiagram(doc));
  add('five-whys', 'five-whys', fiveWhysDiagram(doc));
  add('contributing-factors', 'contributing-factors', fishboneDiagram(doc));
  return upsertRegions(text, regions);
}
