import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/parse.js';
import { withDiagrams } from './diagrams.js';
import { fishboneDiagram, fiveWhysDiagram, timelineDiagram } from './mermaid.js';

const doc = `---
title: Checkout "502s"
---
# Checkout 502s

## Timeline

| Time (UTC) | Event |
| --- | --- |
| 2026-11-22 19:40 | Deploy of [#412]: orders <page> |
| 2026-11-22 19:41 | Alert fired |
| 2026-11-22 19:41 | Paged the on-call |

## Five whys

1. Why did checkout fail? The API timed out.
2. Why? The database was saturated.
3. Why? A query scanned a whole table.

## Contributing factors

**Immediate**

- The unindexed query

**Systemic**

- No load test on production-sized data
`;

describe('Mermaid diagrams', () => {
  const parsed = parseDocument(doc);

  it('chains the whys', () => {
    const chart = fiveWhysDiagram(parsed)!;
    expect(chart.split('\n')[0]).toBe('flowchart TD');
    expect(chart).toContain('w0 -->|why?| w1');
    expect(chart).toContain('w1 -->|why?| w2');
  });

  it('groups the factors, with labels that cannot end early', () => {
    const chart = fishboneDiagram(parsed)!;
    expect(chart).toContain('incident(("Checkout #quot;502s#quot;"))');
    expect(chart).toMatch(/subgraph g0\["[Ii]mmediate"\]/);
    expect(chart).toMatch(/subgraph g1\["[Ss]ystemic"\]/);
  });

  it('draws the timeline by day, one line per time, without the separators Mermaid reads', () => {
    const chart = timelineDiagram(parsed)!;
    const lines = chart.split('\n');
    expect(lines).toContain('  section 2026-11-22');
    const events = lines.filter((l) => l.startsWith('    '));
    expect(events).toHaveLength(2);
    // One colon-space separator per event: the event's own colons are gone.
    expect(events[0]!.split(' : ')).toHaveLength(2);
    expect(events[0]).not.toMatch(/[<>[\]]/);
    expect(events[1]!.split(' : ')).toHaveLength(3);
  });

  it('embeds them after their sections and refreshes them in place', () => {
    const once = withDiagrams(doc);
    expect(once.match(/```mermaid/g)).toHaveLength(3);
    expect(withDiagrams(once)).toBe(once);
    expect(once.startsWith(doc.slice(0, doc.indexOf('| 2026-11-22 19:41 | Paged')))).toBe(true);
  });

  it('draws nothing for the template’s placeholders', () => {
    const empty = parseDocument('## Five whys\n\n1. Why ...?\n2. Why ...?\n');
    expect(fiveWhysDiagram(empty)).toBeUndefined();
  });
});
