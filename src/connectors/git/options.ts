/** The options of a live `type: git` source (one with a `url`) in aftermath.yaml. */
import { z } from 'zod';
import { AuthSchema } from '../auth.js';

export const GitOptions = z.strictObject({
  /** A remote (https, ssh, file URL, `user@host:path`) or an absolute path. */
  url: z.string().min(1),
  /** The branch, tag or commit whose history is read; the remote's HEAD when absent. */
  ref: z.string().min(1).optional(),
  /** Tags that mark deploys, a glob such as `deploy-*` or `v*`. */
  deploy_tags: z.string().min(1).optional(),
  /** Headers for an http(s) remote, e.g. `{ username_env: GIT_USER, password_env: GIT_TOKEN }`. */
  auth: AuthSchema,
});

export type GitOptions = z.infer<typeof GitOptions>;
