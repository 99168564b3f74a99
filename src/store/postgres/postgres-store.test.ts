import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  havePostgres,
  startPostgresCluster,
  type PostgresCluster,
} from '../../../test/support/postgres-cluster.js';
import { storeConformance } from '../conformance.js';
import { sampleRecord } from '../conformance-samples.js';
import { openStore } from '../open-store.js';
import { openPostgresStore, redactUrl } from './postgres-store.js';

const enabled = havePostgres('PostgreSQL store tests');

describe.skipIf(!enabled)('postgres', () => {
  let cluster: PostgresCluster;
  let n = 0;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  storeConformance('postgres', {
    open: async (now) => openPostgresStore(await cluster.createDatabase(`conf_${++n}`), { now }),
  });

  describe('postgres store', () => {
    it('is what a postgres:// --db opens, and two opens migrate the same database once', async () => {
      const url = await cluster.createDatabase('twice');
      const [a, b] = await Promise.all([openStore({ db: url }), openStore({ db: url })]);
      expect(a.kind).toBe('postgres');
      await a.upsert(sampleRecord(1));
      expect((await b.list()).map((p) => p.id)).toEqual(['PM-0001']);
      await Promise.all([a.close(), b.close()]);
    });

    it('says where it could not connect, without the password', async () => {
      await expect(
        openPostgresStore(`postgres://aftermath:s3cret@127.0.0.1:${cluster.port}/no_such_db`),
      ).rejects.toThrow(
        /^archive: could not connect to PostgreSQL at postgres:\/\/aftermath:\*\*\*@127\.0\.0\.1:\d+\/no_such_db \(.*no_such_db.*\)$/,
      );
      expect(redactUrl('postgres://u:pw@h/db')).toBe('postgres://u:***@h/db');
    });
  });
});
