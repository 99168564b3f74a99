/** GitHub against a fake GitHub REST API, through the tracker conformance suite. */
import { trackerConformance } from '../../test/support/trackers/conformance.js';
import { fakeGitHub } from '../../test/support/trackers/github.js';

const token = 'ghp_conformanceSecret0123456789';

trackerConformance({
  id: 'github',
  section: (url) => ({ repo: 'acme/ops', token_env: 'GH_TOKEN_TEST', url }),
  env: { GH_TOKEN_TEST: token },
  tokenEnv: 'GH_TOKEN_TEST',
  secret: token,
  accounts: { alice: 'alice-gh', bob: 'bob-gh', bad: 'ghost' },
  handler: (store) => fakeGitHub(store, 'acme/ops', token),
  due: (store, n) =>
    /\*\*Due:\*\* (\d{4}-\d{2}-\d{2})/.exec(store.issues.find((i) => i.n === n)?.body ?? '')?.[1],
});
