import { describe, expect, it } from 'vitest';
import { ids, runRule } from '../testing.js';

const rule = 'no-judgemental-words';
const doc = (body: string): string => `# X\n\n## What went wrong\n\n${body}\n`;

describe(rule, () => {
  it.each([
    'A careless change went out.',
    'The rollout was sloppy.',
    'That was a negligent review.',
    'Frankly it was incompetence.',
    'It was a stupid mistake.',
  ])('reports %s', (s) => {
    expect(ids(rule, doc(s))).toEqual(['judgemental']);
  });

  it.each([
    'Lazy loading delayed the first paint.',
    'We use a lazy-initialised client.',
    'The `careless` flag is a test fixture.',
    'Nothing judgemental here.',
  ])('accepts %s', (s) => {
    expect(ids(rule, doc(s))).toEqual([]);
  });

  it('takes extra words from the config', () => {
    const found = runRule(rule, doc('A shoddy script ran.'), {
      phrases: { judgemental: ['shoddy'] },
    });
    expect(found.map((f) => f.data?.word)).toEqual(['shoddy']);
  });
});
