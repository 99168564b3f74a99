/** The machine a result was measured on, for the report: numbers mean little without it. */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Machine {
  /** The code measured: `git describe --always --dirty` of the working tree. */
  revision: string;
  nproc: number;
  cpu: string;
  memoryGiB: number;
  kernel: string;
  node: string;
  lnav: string;
  wc: string;
  gnuTime: string;
  /** 1-minute load average when the run started: a hint of how noisy the machine was. */
  loadAtStart: number;
}

function version(command: string, args: string[]): string {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', timeout: 10_000 });
  if (r.error || r.status !== 0) return 'not installed';
  return (r.stdout || r.stderr).trim().split('\n')[0] ?? 'unknown';
}

export function describeMachine(): Machine {
  return {
    revision: version('git', ['describe', '--always', '--dirty']),
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    lnav: version('lnav', ['-V']),
    wc: version('wc', ['--version']),
    // Debian's GNU time calls itself "UNKNOWN" in --version; the package knows better.
    gnuTime: version('dpkg-query', ['-W', '-f', 'GNU time ${Version}', 'time']),
    loadAtStart: Math.round(loadavg()[0]! * 100) / 100,
  };
}
