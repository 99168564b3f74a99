/** Credentials for HTTP sources: the case file names environment variables, never values. */
import { z } from 'zod';
import { ConfigError } from '../errors.js';

export const AuthSchema = z
  .strictObject({
    /** `Authorization: Bearer $VAR`. */
    bearer_env: z.string().min(1).optional(),
    /** Basic auth from two variables. */
    username_env: z.string().min(1).optional(),
    password_env: z.string().min(1).optional(),
    /** Any other header, e.g. `{ name: X-Scope-OrgID, value_env: LOKI_TENANT }` or a fixed value. */
    headers: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          value_env: z.string().min(1).optional(),
          value: z.string().optional(),
        }),
      )
      .optional(),
  })
  .optional();

export type AuthConfig = z.infer<typeof AuthSchema>;

function need(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  what: string,
): string {
  const v = env[name];
  if (v === undefined || v === '') {
    throw new ConfigError(`${what}: environment variable ${name} is not set`);
  }
  return v;
}

/** The headers the auth config asks for; a missing variable is a ConfigError naming it. */
export function authHeaders(
  auth: AuthConfig,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!auth) return headers;
  if (auth.bearer_env)
    headers.authorization = `Bearer ${need(env, auth.bearer_env, 'auth.bearer_env')}`;
  if (auth.username_env || auth.password_env) {
    const user = auth.username_env ? need(env, auth.username_env, 'auth.username_env') : '';
    const pass = auth.password_env ? need(env, auth.password_env, 'auth.password_env') : '';
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  }
  for (const h of auth.headers ?? []) {
    headers[h.name.toLowerCase()] = h.value_env
      ? need(env, h.value_env, `auth.headers.${h.name}`)
      : (h.value ?? '');
  }
  return headers;
}

/** Every credential value the auth config resolves to, so output can be checked for leaks. */
export function secretValues(
  auth: AuthConfig,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  if (!auth) return [];
  const names = [
    auth.bearer_env,
    auth.username_env,
    auth.password_env,
    ...(auth.headers ?? []).map((h) => h.value_env),
  ];
  return names.flatMap((n) => (n && env[n] ? [env[n]!] : []));
}
