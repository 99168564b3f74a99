/** Terminal plumbing for commands: writing with backpressure, colours, progress, one-line errors. */
import type { Options, SingleBar } from 'cli-progress';
import { createRequire } from 'node:module';
import pc from 'picocolors';
import type { Diagnostic } from '../core/diagnostic.js';
import { AftermathError } from '../errors.js';
import { formatDiagnostic } from '../core/diagnostic.js';
import type { Level } from '../core/level.js';
import type { Painter } from '../render/timeline.js';

/** Raised when stdout is closed under us (`| head`): the command stops quietly. */
export class ClosedPipe extends Error {}

/** Buffered writer to a stream that waits for drain, so large outputs do not pile up in memory. */
export class Output {
  private buf: string[] = [];
  private size = 0;
  private closed = false;
  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') this.closed = true;
    });
  }
  /** Adds a line (a newline is appended). */
  async line(s: string): Promise<void> {
    this.buf.push(s);
    this.size += s.length + 1;
    if (this.size >= 1 << 16) await this.flush();
  }
  async write(s: string): Promise<void> {
    if (s.length === 0) return;
    this.buf.push(s.endsWith('\n') ? s.slice(0, -1) : s);
    this.size += s.length;
    await this.flush();
  }
  /**
   * Writes raw bytes (after what is buffered), waiting for the stream to drain; `written` is
   * called once the stream is done with them (so the buffer may be reused).
   */
  async bytes(data: Uint8Array, written?: () => void): Promise<void> {
    await this.flush();
    const ok = written ? this.stream.write(data, written) : this.stream.write(data);
    if (!ok) await this.drain();
    if (this.closed) throw new ClosedPipe();
  }
  async flush(): Promise<void> {
    if (this.closed) throw new ClosedPipe();
    if (this.buf.length === 0) return;
    const text = this.buf.join('\n') + '\n';
    this.buf = [];
    this.size = 0;
    if (!this.stream.write(text)) {
      await this.drain();
      if (this.closed) throw new ClosedPipe();
    }
  }
  private drain(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
  }
}

const LEVEL_COLOUR: Record<Level, (s: string) => string> = {
  trace: pc.gray,
  debug: pc.gray,
  info: (s) => s,
  notice: pc.cyan,
  warn: pc.yellow,
  error: pc.red,
  critical: (s) => pc.bold(pc.red(s)),
  fatal: (s) => pc.bold(pc.magenta(s)),
};

export function painter(colour: boolean): Painter {
  if (!colour) return { dim: (s) => s, level: (_l, s) => s };
  return { dim: pc.dim, level: (l, s) => LEVEL_COLOUR[l](s) };
}

/** Colour only on a terminal and when NO_COLOR is not set (picocolors checks both). */
export function useColour(stream: NodeJS.WriteStream = process.stdout): boolean {
  return pc.isColorSupported && stream.isTTY === true;
}

/** Prints diagnostics to stderr, one line each, errors and warnings always, info only when asked. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], verbose = false): void {
  const colour = useColour(process.stderr);
  for (const d of diagnostics) {
    if (d.severity === 'info' && !verbose) continue;
    const text = formatDiagnostic(d);
    const paint = !colour
      ? (s: string) => s
      : d.severity === 'error'
        ? pc.red
        : d.severity === 'warning'
          ? pc.yellow
          : pc.dim;
    process.stderr.write(paint(text) + '\n');
  }
}

/**
 * A cli-progress bar. The package and what it needs (some twenty modules) load only when a bar is
 * shown: a short command should not pay for them at start-up.
 */
export function newBar(options: Options): SingleBar {
  const bars = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  return new bars.SingleBar(options);
}

/** A progress bar on stderr for large inputs (bytes) on a terminal; a no-op otherwise. */
export function progressBar(total: number): { update(bytes: number): void; stop(): void } {
  const noop = { update: () => {}, stop: () => {} };
  if (!process.stderr.isTTY || process.env.CI || total < 32 * 1024 * 1024) return noop;
  const bar = newBar({
    stream: process.stderr,
    format: 'reading {bar} {percentage}% | {value}/{total} MB | {eta_formatted} left',
    hideCursor: true,
    clearOnComplete: true,
    fps: 5,
  });
  const mb = (n: number) => Math.round(n / 1048576);
  bar.start(mb(total), 0);
  return { update: (bytes) => bar.update(Math.min(mb(bytes), mb(total))), stop: () => bar.stop() };
}

/** A file's text; a one-line error naming the file and why when it cannot be read. */
export async function readTextFile(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new AftermathError(
      'unreadable',
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}
