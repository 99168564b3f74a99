/** Runs the git binary for a remote: credentials in its environment only, secrets scrubbed from errors. */
import { AftermathError } from '../../errors.js';
import type { CollectContext } from '../connector.js';

export interface GitRunner {
  /** stdout lines of `git <args>`. */
  lines(args: readonly string[]): AsyncIterable<string>;
  /** All of stdout. */
  text(args: readonly string[]): Promise<string>;
}

/**
 * `http.extraHeader` through GIT_CONFIG_COUNT/KEY/VALUE (git 2.31+): not on the command line that
 * `ps` shows, not in any config file. GIT_TERMINAL_PROMPT=0 makes a refused login fail instead
 * of waiting for a password nobody will type.
 */
export function gitEnv(
  headers: Readonly<Record<string, string>>,
): Record<string, string | undefined> {
  // A GIT_DIR inherited from a hook that runs aftermath would point every command elsewhere.
  const env: Record<string, string | undefined> = {
    GIT_TERMINAL_PROMPT: '0',
    GIT_DIR: undefined,
    GIT_WORK_TREE: undefined,
    GIT_INDEX_FILE: undefined,
  };
  const entries = Object.entries(headers);
  env.GIT_CONFIG_COUNT = String(entries.length);
  entries.forEach(([name, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = 'http.extraHeader';
    env[`GIT_CONFIG_VALUE_${i}`] = `${name}: ${value}`;
  });
  return env;
}

export function gitRunner(
  ctx: CollectContext,
  headers: Readonly<Record<string, string>>,
  secrets: readonly string[],
): GitRunner {
  const env = gitEnv(headers);
  const scrub = (s: string): string =>
    secrets.reduce((t, secret) => (secret.length > 0 ? t.split(secret).join('***') : t), s);
  async function* lines(args: readonly string[]): AsyncIterable<string> {
    try {
      yield* ctx.run(['git', ...args], { signal: ctx.signal, env });
    } catch (err) {
      if (err instanceof AftermathError) {
        throw new AftermathError(err.code, scrub(err.message));
      }
      throw err;
    }
  }
  return {
    lines,
    async text(args) {
      const out: string[] = [];
      for await (const l of lines(args)) out.push(l);
      return out.join('\n');
    },
  };
}
