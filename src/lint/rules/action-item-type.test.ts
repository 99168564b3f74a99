import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';
import { missingFieldCases } from './action-item-field.cases.js';

const rule = 'action-item-type';

describe(rule, () => {
  missingFieldCases(rule, 'Type', 'prevent');

  it('takes a type from the heading above', () => {
    expect(ids(rule, '# X\n\n## Action items\n\n### Detection\n\n- Add the alert\n')).toEqual([]);
  });
});
