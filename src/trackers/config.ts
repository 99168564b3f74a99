/**
 * The `trackers:` key of `.aftermathrc.yaml`: where action items go, which environment variables
 * hold the credentials (never the values), and who each owner is in each tracker.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { TrackerId } from './tracker.js';

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name');

const OwnerSchema = z.strictObject({
  github: z.string().min(1).optional(),
  gitlab: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).optional(),
  jira: z.string().min(1).optional(),
  /** For calendar invites. */
  email: z.string().email().optional(),
  name: z.string().min(1).optional(),
});

export const TrackersSchema = z.strictObject({
  /** The label every ticket carries, and the one tickets are found by. */
  label: z.string().min(1).default('postmortem'),
  /** Link to the postmortem in ticket bodies: `{id}` and `{file}` are replaced. */
  postmortem_url: z.string().min(1).optional(),
  github: z
    .strictObject({
      repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/name'),
      token_env: envName.default('GITHUB_TOKEN'),
      url: z.string().url().optional(),
    })
    .optional(),
  gitlab: z
    .strictObject({
      project: z.union([z.string().min(1), z.number().int().positive()]).transform(String),
      token_env: envName.default('GITLAB_TOKEN'),
      url: z.string().url().default('https://gitlab.com'),
    })
    .optional(),
  jira: z
    .strictObject({
      url: z.string().url(),
      project: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected a project key such as OPS'),
      email_env: envName.default('JIRA_EMAIL'),
      token_env: envName.default('JIRA_API_TOKEN'),
      issue_type: z.string().min(1).default('Task'),
    })
    .optional(),
  owners: z.record(z.string(), OwnerSchema).default({}),
});

export type TrackersConfig = z.infer<typeof TrackersSchema>;
export type OwnerAccounts = z.infer<typeof OwnerSchema>;

/**
 * Reads `trackers:` from a config file's text; a file without the key gives an empty config.
 *
 * @example
 * parseTrackersConfig('trackers:\n  github: { repo: acme/ops }\n', '.aftermathrc.yaml');
 */
export function parseTrackersConfig(text: string, file: string): TrackersConfig {
  const doc = parseDocument(text, { prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const line = text.slice(0, err.pos[0]).split('\n').length;
    throw new ConfigError(`${file}: invalid YAML at line ${line}: ${err.message.split('\n')[0]}`);
  }
  const raw = (doc.toJS() ?? {}) as Record<string, unknown>;
  const parsed = TrackersSchema.safeParse(raw.trackers ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = ['trackers', ...issue.path.map(String)].join('.');
    throw new ConfigError(`${file}: ${path}: ${issue.message}`);
  }
  return parsed.data;
}

/** The owner's entry: `@jane`, `jane` and `Jane` all find `"@jane"`. */
export function ownerAccounts(config: TrackersConfig, owner: string): OwnerAccounts | undefined {
  const norm = (s: string): string => s.trim().replace(/^@/, '').toLowerCase();
  const want = norm(owner);
  for (const [name, accounts] of Object.entries(config.owners))
    if (norm(name) === want) return accounts;
  return undefined;
}

/** The account an owner has in a tracker, as the tracker wants it. */
export function accountFor(
  config: TrackersConfig,
  owner: string,
  tracker: TrackerId,
): string | undefined {
  const a = ownerAccounts(config, owner)?.[tracker];
  return a === undefined ? undefined : String(a);
}
