import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';
import { missingFieldCases } from './action-item-field.cases.js';

const rule = 'action-item-due';

describe(rule, () => {
  missingFieldCases(rule, 'Due', '2026-07-01');

  it('takes a time frame from the item or its heading', () => {
    expect(ids(rule, '# X\n\n## Action items\n\n- Add the check by end of March\n')).toEqual([]);
    expect(
      ids(rule, '# X\n\n## Action items\n\n### Long-term (Q4 2026)\n\n- Add the check\n'),
    ).toEqual([]);
  });
});
