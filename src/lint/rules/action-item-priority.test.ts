import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';
import { missingFieldCases } from './action-item-field.cases.js';

const rule = 'action-item-priority';

describe(rule, () => {
  missingFieldCases(rule, 'Priority', 'P2');

  it('takes a priority from the heading above', () => {
    expect(ids(rule, '# X\n\n## Action items\n\n### Short-term\n\n- Add the check\n')).toEqual([]);
    expect(ids(rule, '# X\n\n## Action items\n\n- (P1) Add the check\n')).toEqual([]);
  });
});
