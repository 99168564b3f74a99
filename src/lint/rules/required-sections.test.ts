import { describe, expect, it } from 'vitest';
import { ids, runRule } from '../testing.js';

const rule = 'required-sections';
const all =
  '# X\n\n## Summary\n\nS.\n\n## Impact\n\n3 users.\n\n## Timeline\n\n- 10:00 UTC a\n\n## Root cause\n\nR.\n\n## Action items\n\n- A.\n';

describe(rule, () => {
  it('accepts a document with every required section', () => {
    expect(ids(rule, all)).toEqual([]);
  });

  it('reports a missing section, with a fix that adds it from the template', () => {
    const [f] = runRule(rule, all.replace('## Impact\n\n3 users.\n\n', ''));
    expect(f?.messageId).toBe('missing');
    expect(f?.data).toMatchObject({ section: 'Impact' });
    expect(f?.fix?.[0]?.text).toMatch(/^## Impact\n\n<!--/);
  });

  it('reports an empty section', () => {
    expect(ids(rule, all.replace('R.\n', '<!-- guidance -->\n'))).toEqual(['empty']);
  });

  it('accepts either of two alternatives and takes the list from options', () => {
    expect(ids(rule, all.replace('## Root cause', '## Contributing factors'))).toEqual([]);
    expect(ids(rule, all, { options: { sections: ['five-whys'] } })).toEqual(['missing']);
  });
});
