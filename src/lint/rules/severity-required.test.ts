import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';

const rule = 'severity-required';

describe(rule, () => {
  it('reports a document without a severity', () => {
    expect(ids(rule, '# X\n\n## Summary\n\nS.\n')).toEqual(['missing']);
    expect(ids(rule, '---\ntitle: X\nseverity:\n---\n# X\n')).toEqual(['missing']);
  });

  it('accepts one in the front matter or a Severity: line', () => {
    expect(ids(rule, '---\nseverity: SEV2\n---\n# X\n')).toEqual([]);
    expect(ids(rule, '# X\n\n**Severity:** Critical\n')).toEqual([]);
  });

  it('leaves a value off the scale to the parser', () => {
    expect(ids(rule, '---\nseverity: huge\n---\n# X\n')).toEqual([]);
  });
});
