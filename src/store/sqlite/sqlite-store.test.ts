import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeConformance } from '../conformance.js';
import { sampleRecord } from '../conformance-samples.js';
import { openSqliteStore } from './sqlite-store.js';
import { SqliteConnection } from './sqlite-connection.js';
import { fts5Query } from './sqlite-full-text.js';

const dir = mkdtempSync(join(tmpdir(), 'aftermath-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeConformance('sqlite', {
  open: (now) => openSqliteStore(join(dir, `a${++n}`, 'archive.db'), { now }),
});

describe('sqlite store', () => {
  it('creates the file in WAL mode with every migration recorded', async () => {
    const path = join(dir, 'wal', 'archive.db');
    const s = await openSqliteStore(path);
    await s.upsert(sampleRecord(1));
    await s.close();
    const conn = new SqliteConnection(path);
    expect(await conn.all('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await conn.all('SELECT version, name FROM schema_migrations ORDER BY version')).toEqual([
      { version: 1, name: 'initial' },
      { version: 2, name: 'full-text' },
    ]);
    await conn.close();
    // Reopening migrates nothing and keeps the data.
    const again = await openSqliteStore(path);
    expect((await again.list()).map((p) => p.id)).toEqual(['PM-0001']);
    await again.close();
  });

  it('refuses a database from a newer aftermath', async () => {
    const path = join(dir, 'newer.db');
    await (await openSqliteStore(path)).close();
    const conn = new SqliteConnection(path);
    await conn.run(
      "INSERT INTO schema_migrations (version, name, applied_ms) VALUES (99, 'future', 0)",
    );
    await conn.close();
    await expect(openSqliteStore(path)).rejects.toThrow(
      /schema version 99, newer than this aftermath knows \(2\)/,
    );
  });

  it('says which file it could not open', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'not a folder');
    await expect(openSqliteStore(join(file, 'archive.db'))).rejects.toThrow(
      /^archive: could not open the SQLite database .*plain-file\/archive\.db \(E[A-Z]+:/,
    );
  });

  it('quotes every word of a query so FTS5 syntax cannot break it', () => {
    expect(fts5Query('pool "exhaustion" OR NEAR(x)')).toBe('"pool" "exhaustion" "OR" "NEAR" "x"');
    expect(fts5Query('--- ***')).toBeUndefined();
  });
});
