/** GitLab against a fake GitLab REST v4 API, through the tracker conformance suite. */
import { trackerConformance } from '../../test/support/trackers/conformance.js';
import { fakeGitLab } from '../../test/support/trackers/gitlab.js';

const token = 'glpat-conformanceSecret0123';

trackerConformance({
  id: 'gitlab',
  section: (url) => ({ project: 'acme/ops', token_env: 'GL_TOKEN_TEST', url }),
  env: { GL_TOKEN_TEST: token },
  tokenEnv: 'GL_TOKEN_TEST',
  secret: token,
  accounts: { alice: 101, bob: 102, bad: 999999 },
  handler: (store) => fakeGitLab(store, 'acme/ops', token),
  due: (store, n) => store.issues.find((i) => i.n === n)?.due,
});
