/** A buffered line writer over a file stream that honours backpressure: memory stays flat. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

// Large chunks keep the per-write overhead negligible next to line formatting.
const CHUNK_CHARS = 1 << 20;

export class LineSink {
  /** Bytes written (queued) so far; the generator writes ASCII only, so chars = bytes. */
  bytes = 0;
  /** Physical lines (a multi-line entry counts each of its lines, as `wc -l` does). */
  lines = 0;
  /** Tab-indented continuation lines: log viewers fold them into the entry above. */
  continuations = 0;
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private pending = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { highWaterMark: CHUNK_CHARS });
  }

  line(text: string): void {
    this.parts.push(text);
    this.pending += text.length + 1;
    this.bytes += text.length + 1;
    this.lines++;
    if (text.charCodeAt(0) === 9) this.continuations++;
  }

  /** Whether enough is buffered that the caller should `await flush()`. */
  get full(): boolean {
    return this.pending >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('\n') + '\n';
    this.parts = [];
    this.pending = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
