import { describe, expect, it } from 'vitest';
import { parseDocument } from './parse.js';

describe('five whys', () => {
  it('reads a numbered chain and a nested one', () => {
    const flat = parseDocument(
      `## Five whys\n\n1. Why 502s? The pool was full.\n2. Why full? Slow queries.\n3. Why slow? A missing index.\n`,
    );
    expect(flat.fiveWhys!.whys.map((w) => [w.text, w.depth])).toEqual([
      ['Why 502s? The pool was full.', 0],
      ['Why full? Slow queries.', 0],
      ['Why slow? A missing index.', 0],
    ]);
    const nested = parseDocument(`## 5 whys\n\n- A\n  - B\n    - C\n`);
    expect(nested.fiveWhys!.whys.map((w) => [w.text, w.depth])).toEqual([
      ['A', 0],
      ['B', 1],
      ['C', 2],
    ]);
  });

  it('reads "Why?" paragraphs when there is no list', () => {
    const d = parseDocument(
      `## Five whys\n\nWhy did it fail? Because.\n\nWhy that? Because too.\n\nUnrelated.\n`,
    );
    expect(d.fiveWhys!.whys).toHaveLength(2);
  });
});

describe('contributing factors', () => {
  it('groups by bold labels, sub-headings, label items and leading labels', () => {
    const d = parseDocument(`## Contributing factors

**Immediate**

- A deploy lowered the timeout

### Systemic

- No load tests
- **Process**: reviews skip config changes

## Next
`);
    const more = parseDocument(
      `## Contributing Factors\n\n- Contributing:\n  - Alerts were noisy\n- Tools: the dashboard was slow and the runbook was out of date\n`,
    );
    expect(
      d.contributingFactors!.factors.map((f) => [f.text, f.group, f.tier, f.category]),
    ).toEqual([
      ['A deploy lowered the timeout', 'Immediate', 'immediate', undefined],
      ['No load tests', 'Systemic', 'systemic', undefined],
      ['Process: reviews skip config changes', 'Process', 'systemic', 'process'],
    ]);
    expect(more.contributingFactors!.factors.map((f) => [f.text, f.tier])).toEqual([
      ['Alerts were noisy', 'contributing'],
      ['Tools: the dashboard was slow and the runbook was out of date', undefined],
    ]);
  });

  it('skips empty template bullets', () => {
    expect(parseDocument('## Contributing factors\n\n-\n').contributingFactors!.factors).toEqual(
      [],
    );
  });
});

describe('impact', () => {
  it('finds numbers with their units, not dates, times or versions', () => {
    const text = `## Impact

About 78% of requests failed for 1 hour 48 minutes on September 29, 2025 at 16:58;
305 teams on SDK < 1.257.1 saw 1,200 errors (12.5k events). \`500 in code\` does not count.
`;
    const d = parseDocument(text);
    expect(d.impact!.numbers.map((n) => [n.text, n.value, n.unit])).toEqual([
      ['78%', 78, '%'],
      ['1 hour', 1, 'hour'],
      ['48 minutes', 48, 'minutes'],
      ['305 teams', 305, 'teams'],
      ['1,200 errors', 1200, 'errors'],
      ['12.5k events', 12500, 'events'],
    ]);
    const s = d.impact!.numbers[3]!.span;
    expect(text.slice(s.start.offset, s.end.offset)).toBe('305 teams');
    expect(d.impact!.text).toContain('78% of requests');
  });
});
