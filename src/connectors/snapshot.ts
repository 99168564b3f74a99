/** Snapshot files: written under a temporary folder, hashed as they are written, kept only when complete. */
import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { mkdir } from 'node:fs/promises';

import type { SnapshotFile } from '../core/manifest.js';

export type { SnapshotFile };

const FLUSH_BYTES = 1 << 20;

/** Appends lines to one file; nothing is visible under `evidence/` until the source succeeds. */
export class SnapshotWriter {
  private handle: FileHandle | undefined;
  private readonly hash: Hash = createHash('sha256');
  private buffered: string[] = [];
  private bufferedBytes = 0;
  private bytes = 0;
  private items = 0;
  private closed = false;

  constructor(
    private readonly dir: string,
    readonly path: string,
    readonly format: string,
  ) {}

  private async create(): Promise<FileHandle> {
    const full = join(this.dir, this.path);
    await mkdir(dirname(full), { recursive: true });
    return open(full, 'w');
  }

  /** One line (a newline is added); `items` is how many items it holds (default 1). */
  async line(text: string, items = 1): Promise<void> {
    if (this.closed) throw new Error(`snapshot ${this.path} is already closed`);
    const chunk = text.endsWith('\n') ? text : text + '\n';
    this.buffered.push(chunk);
    this.bufferedBytes += chunk.length;
    this.items += items;
    if (this.bufferedBytes >= FLUSH_BYTES) await this.flush();
  }

  /** One JSON value as one line. */
  async json(value: unknown, items = 1): Promise<void> {
    await this.line(JSON.stringify(value), items);
  }

  get itemCount(): number {
    return this.items;
  }

  private async flush(): Promise<void> {
    if (this.buffered.length === 0) return;
    const data = Buffer.from(this.buffered.join(''), 'utf8');
    this.buffered = [];
    this.bufferedBytes = 0;
    this.handle ??= await this.create();
    this.hash.update(data);
    this.bytes += data.length;
    await this.handle.write(data);
  }

  /** Flushes, syncs and closes; returns the manifest entry. */
  async close(): Promise<SnapshotFile> {
    if (!this.closed) {
      await this.flush();
      this.handle ??= await this.create();
      await this.handle.sync();
      await this.handle.close();
      this.closed = true;
    }
    return {
      path: this.path,
      format: this.format,
      bytes: this.bytes,
      items: this.items,
      sha256: this.hash.copy().digest('hex'),
    };
  }

  /** Closes without caring about the content (the source failed). */
  async discard(): Promise<void> {
    this.closed = true;
    await this.handle?.close().catch(() => undefined);
  }
}
