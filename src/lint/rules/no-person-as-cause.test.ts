import { describe, expect, it } from 'vitest';
import { ids, runRule } from '../testing.js';

const rule = 'no-person-as-cause';
const doc = (body: string): string =>
  `---\nauthors: [Alice Example]\n---\n# Outage\n\n## Summary\n\n${body}\n`;

describe(rule, () => {
  it.each([
    'The engineer broke the deploy pipeline.',
    'Alice caused the outage.',
    '@bob forgot the feature flag.',
    'The outage was due to the on-call engineer\u2019s mistake.',
    'He accidentally deleted the table.',
    'The outage was caused by the on-call engineer.',
  ])('reports %s', (s) => {
    expect(ids(rule, doc(s))).toEqual(['personAsCause']);
  });

  it.each([
    'The deploy broke the checkout API.',
    'A change inadvertently caused traffic to go to the dashboard.',
    'We broke the build with a bad merge.',
    '`the engineer broke it` is what the bot printed.',
    'The log said "the engineer caused a restart".',
  ])('accepts %s', (s) => {
    expect(ids(rule, doc(s))).toEqual([]);
  });

  it('skips code blocks and blockquotes', () => {
    const text = doc(
      'Fine.\n\n```\nthe engineer broke it\n```\n\n> He caused the outage, said the customer.',
    );
    expect(ids(rule, text)).toEqual([]);
  });

  it('points at the person and the verb', () => {
    const [f] = runRule(rule, doc('Then the engineer broke the pipeline.'));
    expect(f?.place).toMatchObject({ line: 8, column: 6, end: { line: 8, column: 24 } });
    expect(f?.data).toMatchObject({ text: 'the engineer broke' });
  });

  it('skips sentences holding an allowed phrase', () => {
    expect(
      ids(rule, doc('The engineer broke the glass (a drill).'), { phrases: { allow: ['drill'] } }),
    ).toEqual([]);
  });
});
