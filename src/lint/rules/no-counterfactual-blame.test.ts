import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';

const rule = 'no-counterfactual-blame';
const doc = (body: string): string =>
  `---\nauthors: [Alice Example]\n---\n# Outage\n\n## Summary\n\n${body}\n`;

describe(rule, () => {
  it.each([
    'He should have checked the dashboard.',
    'The on-call engineer failed to notice the alert.',
    'Alice forgot to renew the certificate.',
    "She didn't notice the error rate.",
    'The reviewer could have caught this.',
    '@bob neglected to run the tests.',
  ])('reports %s', (s) => {
    expect(ids(rule, doc(s))).toEqual(['counterfactual']);
  });

  it.each([
    'The code failed to check the return value.',
    'Each repository should have clear rules.',
    'The deploy failed to roll out.',
    'We should have an alert for this.',
    'We failed to verify that the agent was running.',
    'Appointing an incident manager could have helped.',
    'The operator failed to reconcile the resource.',
    'The pipeline should have been gated.',
  ])('accepts %s', (s) => {
    expect(ids(rule, doc(s))).toEqual([]);
  });

  it('reads names from the config', () => {
    const text = doc('Marta Ng forgot to rotate the key.');
    expect(ids(rule, text, { phrases: { people: ['Marta Ng'] } })).toEqual(['counterfactual']);
  });

  it('skips inline code and quotations', () => {
    expect(ids(rule, doc('The bot said "he should have checked" and `he failed to`.'))).toEqual([]);
  });
});
