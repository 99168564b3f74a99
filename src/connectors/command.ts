/** Local commands for sources that are read by a program (journalctl, kubectl, or an ssh wrapper). */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { AftermathError } from '../errors.js';

export interface RunOptions {
  /** Kills the command when it runs longer (default 10 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
  env?: Record<string, string | undefined>;
}

/** Streams a command's stdout line by line; throws CommandError when it fails. */
export type CommandRunner = (
  argv: readonly string[],
  options?: RunOptions,
) => AsyncIterable<string>;

export class CommandError extends AftermathError {
  readonly exitCode: number | null;
  readonly stderr: string;
  constructor(message: string, exitCode: number | null, stderr: string, cause?: unknown) {
    super('command', message, { cause });
    this.name = 'CommandError';
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/** The real runner: spawn without a shell, stdout as lines, the last 2 kB of stderr kept for the error. */
export const runCommand: CommandRunner = async function* (argv, options = {}) {
  const [cmd, ...args] = argv;
  if (!cmd) throw new CommandError('empty command', null, '');
  const child = spawn(cmd, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ? { ...process.env, ...options.env } : process.env,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    stderr = (stderr + d).slice(-2048);
  });
  let spawnError: Error | undefined;
  child.on('error', (err) => {
    spawnError = err;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 600_000);
  const onAbort = (): void => {
    child.kill('SIGTERM');
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const shown = argv.join(' ');
  try {
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    for await (const line of lines) yield line;
    const code = await exited;
    if (spawnError) {
      const why =
        (spawnError as NodeJS.ErrnoException).code === 'ENOENT'
          ? `${cmd}: command not found`
          : spawnError.message;
      throw new CommandError(`${shown}: ${why}`, null, stderr, spawnError);
    }
    if (timedOut)
      throw new CommandError(
        `${shown}: killed after ${Math.round((options.timeoutMs ?? 600_000) / 1000)} s`,
        code,
        stderr,
      );
    if (options.signal?.aborted) throw options.signal.reason as Error;
    if (code !== 0) {
      const last = stderr.trim().split('\n').pop() ?? '';
      throw new CommandError(`${shown}: exit code ${code}${last ? `: ${last}` : ''}`, code, stderr);
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
};
