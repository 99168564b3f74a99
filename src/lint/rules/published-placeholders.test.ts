import { describe, expect, it } from 'vitest';
import { runRule } from '../testing.js';

const rule = 'published-placeholders';
const doc = (status: string): string =>
  `---\nstatus: ${status}\n---\n# X\n\n## Summary\n\nImpact TBD.\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 2026-03-04 HH:mm | a |\n\n\`TODO\` in code is fine.\n`;

describe(rule, () => {
  it('reports placeholders in a published document', () => {
    expect(runRule(rule, doc('published')).map((f) => f.data?.text)).toEqual(['TBD', 'HH:mm']);
  });

  it('accepts placeholders in drafts', () => {
    expect(runRule(rule, doc('draft'))).toEqual([]);
  });
});
