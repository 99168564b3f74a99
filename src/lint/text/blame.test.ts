import { describe, expect, it } from 'vitest';
import { findBlame } from './blame.js';
import { People } from './people.js';

const people = new People(['Alice Example', 'bob']);
const kinds = (s: string): string[] => findBlame(s, people).map((h) => h.kind);

describe('findBlame', () => {
  it.each([
    ['The engineer broke the deploy pipeline.', 'cause'],
    ['Alice caused the outage by running the migration.', 'cause'],
    ['@alice forgot the feature flag.', 'cause'],
    ['It happened due to Bob\u2019s mistake.', 'cause'],
    ["The outage was due to the on-call engineer's error.", 'cause'],
    ['The outage was caused by the on-call engineer.', 'cause'],
    ['He accidentally deleted the production table.', 'cause'],
    ['It was Alice Example\u2019s fault.', 'cause'],
    ['Because of him the cluster went down.', 'cause'],
    ['The release manager took down the API.', 'cause'],
  ])('%s → %s', (sentence, kind) => {
    expect(kinds(sentence)).toContain(kind);
  });

  it.each([
    ['He should have checked the dashboard.', 'counterfactual'],
    ['The on-call engineer failed to notice the alert.', 'counterfactual'],
    ['@bob forgot to renew the certificate.', 'counterfactual'],
    ["She didn't notice the error rate.", 'counterfactual'],
    ['The developer could have caught this in review.', 'counterfactual'],
    ['Alice neglected to run the tests.', 'counterfactual'],
    ['The reviewer did not check the diff.', 'counterfactual'],
    ['Marcus forgot to update the config.', 'counterfactual'],
    ['The engineer then missed the page.', 'counterfactual'],
    ["He shouldn't have deployed on a Friday.", 'counterfactual'],
  ])('%s → %s', (sentence, kind) => {
    expect(kinds(sentence)).toContain(kind);
  });

  it.each([
    'The code failed to check the return value.',
    'Each repository should have clear rules for contribution.',
    'The deploy failed to roll out.',
    'We should have an alert for this.',
    'We failed to verify that KIAM was running.',
    'None of us noticed the security hole.',
    'Appointing an incident manager could have helped.',
    'The operator failed to reconcile the custom resource.',
    'The alert paged the on-call engineer, who restarted the pods.',
    'The Prometheus operator crashed twice.',
    'Kubernetes failed to schedule the pods.',
    'A change was pushed which inadvertently caused traffic to go to the dashboard.',
    'The fix for the initial issue caused a new issue.',
    'The engineer restarted the service and the errors stopped.',
    'They should have an on-call rotation.',
    'The pipeline should have been gated by an approval.',
    'Engineer proceeds with the option to roll back the faulty version.',
    'The error handling of his error handler was fine.',
    'Its error rate rose to 40%.',
    'Our team should have better tests.',
    'Terraform forgot to refresh the state.',
    'If the policy had been set to ignore, the issue would not have occurred.',
    'The health check failed to detect the crash loop.',
    'The engineers should have a runbook.',
  ])('no blame: %s', (sentence) => {
    expect(kinds(sentence)).toEqual([]);
  });

  it('points at the person and the phrase', () => {
    const s = 'Later that day the on-call engineer failed to notice the alert.';
    const [h] = findBlame(s, people);
    expect(s.slice(h!.start, h!.end)).toBe('the on-call engineer failed to');
  });
});
