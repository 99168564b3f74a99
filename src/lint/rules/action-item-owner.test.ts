import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';
import { missingFieldCases } from './action-item-field.cases.js';

const rule = 'action-item-owner';

describe(rule, () => {
  missingFieldCases(rule, 'Owner', '@alice');

  it('finds owners written in list items and prose', () => {
    expect(ids(rule, '# X\n\n## Action items\n\n- Add the check (owner: @alice)\n')).toEqual([]);
    expect(ids(rule, '# X\n\n## Action items\n\n- Add the check, @alice\n')).toEqual([]);
    expect(ids(rule, '# X\n\n## Action items\n\n- The platform team will add the check\n')).toEqual(
      [],
    );
  });
});
