import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';

const rule = 'contributing-factors-min';

describe(rule, () => {
  it('reports fewer than two factors', () => {
    expect(
      ids(rule, '# X\n\n## Contributing factors\n\n- The alert threshold was too high.\n'),
    ).toEqual(['tooFew']);
  });

  it('accepts two or more, nested ones included, and takes the minimum from options', () => {
    expect(ids(rule, '# X\n\n## Contributing factors\n\n- One thing.\n- Another thing.\n')).toEqual(
      [],
    );
    expect(
      ids(
        rule,
        '# X\n\n## Contributing factors\n\n- Alerting:\n  - threshold too high\n  - no owner\n',
      ),
    ).toEqual([]);
    expect(
      ids(rule, '# X\n\n## Contributing factors\n\n- One.\n- Two.\n', { options: { min: 3 } }),
    ).toEqual(['tooFew']);
  });

  it('leaves documents without the section to required-sections', () => {
    expect(ids(rule, '# X\n\n## Summary\n\nText.\n')).toEqual([]);
  });
});
