/**
 * Runs one command with stdout on a file descriptor (never a pipe through node, which would buffer
 * and cost the child time), and measures wall time and peak RSS, with a hard timeout.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export interface Sample {
  /** Wall seconds, measured here with a monotonic clock around spawn → exit. */
  seconds: number;
  /** Peak resident set size in KiB (GNU time `%M`, else the last `VmHWM` polled from /proc). */
  maxRssKb: number | undefined;
  /** User + system CPU seconds (GNU time `%U + %S`): above wall time when it uses several cores. */
  cpuSeconds: number | undefined;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** The last lines of stderr, kept to explain a failure. */
  stderrTail: string;
}

export interface RunSpec {
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where stdout goes: `/dev/null`, or a file whose content the caller checks. */
  stdoutPath: string;
  /** Scratch directory for stderr and GNU time's report. */
  scratch: string;
  timeoutMs: number;
}

/** Whether GNU time is installed (Debian package `time`); the shell builtin cannot report RSS. */
export const haveGnuTime = (): boolean => existsSync(GNU_TIME);

function vmHwmKb(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined; // Gone already, or no /proc.
  }
}

export async function measure(spec: RunSpec): Promise<Sample> {
  const gnu = haveGnuTime();
  const timeFile = join(spec.scratch, 'time.txt');
  const stderrFile = join(spec.scratch, 'stderr.txt');
  const [command, args] = gnu
    ? [GNU_TIME, ['-f', '%e %M %U %S', '-o', timeFile, spec.command, ...spec.args]]
    : [spec.command, [...spec.args]];
  const out = openSync(spec.stdoutPath, 'w');
  const err = openSync(stderrFile, 'w');
  let polledKb: number | undefined;
  let timedOut = false;
  const started = process.hrtime.bigint();
  try {
    const result = await new Promise<{ code: number | null; signal: string | null }>(
      (resolve, reject) => {
        // detached: its own process group, so a timeout kills GNU time and the command together.
        const child = spawn(command, args, {
          cwd: spec.cwd,
          env: spec.env,
          stdio: ['ignore', out, err],
          detached: true,
        });
        const poll = gnu
          ? undefined
          : setInterval(() => {
              const kb = child.pid === undefined ? undefined : vmHwmKb(child.pid);
              if (kb !== undefined) polledKb = Math.max(polledKb ?? 0, kb);
            }, 20);
        const timer = setTimeout(() => {
          timedOut = true;
          if (child.pid !== undefined) {
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch {
              child.kill('SIGKILL');
            }
          }
        }, spec.timeoutMs);
        child.on('error', (e) => {
          clearTimeout(timer);
          clearInterval(poll);
          reject(e);
        });
        child.on('exit', (code, signal) => {
          clearTimeout(timer);
          clearInterval(poll);
          resolve({ code, signal });
        });
      },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    let maxRssKb = polledKb;
    let cpuSeconds: number | undefined;
    if (gnu && existsSync(timeFile)) {
      // GNU time writes "Command exited with non-zero status N" first when it fails; the format is last.
      const last = (await readFile(timeFile, 'utf8')).trim().split('\n').pop() ?? '';
      const m = /^[\d.]+ (\d+) ([\d.]+) ([\d.]+)$/.exec(last);
      if (m) {
        maxRssKb = Number(m[1]);
        cpuSeconds = Math.round((Number(m[2]) + Number(m[3])) * 100) / 100;
      }
    }
    const stderr = await readFile(stderrFile, 'utf8').catch(() => '');
    const stderrTail = stderr.trim().split('\n').slice(-5).join('\n');
    return {
      seconds,
      maxRssKb,
      cpuSeconds,
      exitCode: result.code,
      signal: result.signal,
      timedOut,
      stderrTail,
    };
  } finally {
    closeSync(out);
    closeSync(err);
  }
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
