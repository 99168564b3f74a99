import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';

const rule = 'five-whys-chain';
const whys = (...answers: string[]): string =>
  `# X\n\n## Five whys\n\n${answers.map((a, i) => `${i + 1}. ${a}`).join('\n')}\n`;

describe(rule, () => {
  it('reports a chain shorter than the minimum', () => {
    expect(ids(rule, whys('The API ran out of connections.', 'The pool was small.'))).toEqual([
      'tooShort',
    ]);
    expect(ids(rule, whys('Why ...?', 'Why ...?', 'Why ...?'))).toEqual(['tooShort']);
  });

  it('reports a chain that ends in a person', () => {
    expect(
      ids(
        rule,
        whys(
          'Checkout failed.',
          'The pool was exhausted.',
          'The engineer forgot to update the setting.',
        ),
      ),
    ).toEqual(['endsWithPerson']);
    expect(ids(rule, whys('Checkout failed.', 'The pool was exhausted.', 'Human error.'))).toEqual([
      'endsWithPerson',
    ]);
  });

  it('accepts a chain that ends in a condition, and takes the minimum from options', () => {
    const ok = whys(
      'Checkout failed.',
      'The pool was exhausted.',
      'Settings have no schema in the pipeline.',
    );
    expect(ids(rule, ok)).toEqual([]);
    expect(ids(rule, ok, { options: { min: 5 } })).toEqual(['tooShort']);
  });
});
