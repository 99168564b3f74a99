/** Jira against a fake Jira Cloud REST v3, through the tracker conformance suite. */
import { trackerConformance } from '../../test/support/trackers/conformance.js';
import { fakeJira } from '../../test/support/trackers/jira.js';

const token = 'ATATT3xConformanceSecret';
const email = 'bot@example.com';

trackerConformance({
  id: 'jira',
  section: (url) => ({
    url,
    project: 'OPS',
    email_env: 'JIRA_EMAIL_TEST',
    token_env: 'JIRA_TOKEN_TEST',
  }),
  env: { JIRA_EMAIL_TEST: email, JIRA_TOKEN_TEST: token },
  tokenEnv: 'JIRA_TOKEN_TEST',
  secret: Buffer.from(`${email}:${token}`).toString('base64'),
  accounts: {
    alice: '5b10ac8d82e05b22cc7d4ef5',
    bob: '5b10a2844c20165700ede21g',
    bad: 'no-such-account',
  },
  handler: (store) => fakeJira(store, 'OPS', email, token),
  due: (store, n) => store.issues.find((i) => i.n === n)?.due,
});
