import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';

const rule = 'impact-numbers';

describe(rule, () => {
  it('reports an impact section without numbers', () => {
    expect(ids(rule, '# X\n\n## Impact\n\nSome customers could not check out.\n')).toEqual([
      'noNumbers',
    ]);
  });

  it('accepts numbers, and leaves empty sections to required-sections', () => {
    expect(ids(rule, '# X\n\n## Impact\n\n31% of checkouts failed for 53 minutes.\n')).toEqual([]);
    expect(ids(rule, '# X\n\n## Impact\n\n<!-- numbers -->\n')).toEqual([]);
  });
});
