import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';

const rule = 'no-human-error';

describe(rule, () => {
  it('reports human error as a cause', () => {
    expect(ids(rule, '# X\n\n## Summary\n\nThe outage was caused by human error.\n')).toEqual([
      'humanError',
    ]);
    expect(
      ids(rule, '# X\n\n## Contributing factors\n\n- Operator error during the failover.\n'),
    ).toEqual(['humanError']);
    expect(ids(rule, '# X\n\n## Root cause\n\nHuman error.\n')).toEqual(['humanError']);
  });

  it('accepts it when it is not given as a cause', () => {
    expect(
      ids(rule, '# X\n\n## Summary\n\nThe form reported a user error to the client.\n'),
    ).toEqual([]);
    expect(
      ids(rule, '# X\n\n## Root cause\n\nThis was not human error: the tool allowed it.\n'),
    ).toEqual([]);
    expect(
      ids(rule, '# X\n\n## Lessons learned\n\nWe dug past "human error" this time.\n'),
    ).toEqual([]);
  });
});
