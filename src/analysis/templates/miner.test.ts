import { describe, expect, it } from 'vitest';
import { TemplateMiner } from './miner.js';

describe('TemplateMiner', () => {
  it('groups messages that differ only in their values', () => {
    const miner = new TemplateMiner();
    const a = miner.add('Received block blk_123 of size 67108864 from /10.0.0.1');
    const b = miner.add('Received block blk_-99 of size 512 from /10.0.0.2');
    const c = miner.add('Deleting block blk_7 file /data/current/blk_7');
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
    expect(miner.cluster(a.id)!.template).toBe('Received block blk_<*> of size <*> from /<*>');
  });

  it('generalises a word that varies, and keeps the id', () => {
    const miner = new TemplateMiner();
    const first = miner.add('session opened for user cyrus by (uid=0)');
    const again = miner.add('session opened for user news by (uid=0)');
    expect(again.id).toBe(first.id);
    expect(first.template).toBe('session opened for user <*> by (uid=<*>)');
  });

  it('settles a template whose words held for settleAfter messages', () => {
    const miner = new TemplateMiner({ settleAfter: 3 });
    for (let i = 0; i < 3; i++)
      miner.add(`Session: ${i} initialized by client WindowsUpdateAgent.`);
    const other = miner.add('Session: 9 initialized by client SPP.');
    expect(other.id).toBe(2);
    expect(miner.cluster(1)!.template).toBe(
      'Session: <*> initialized by client WindowsUpdateAgent.',
    );
    // Masked values still vary freely in a settled template.
    expect(miner.add('Session: 77 initialized by client WindowsUpdateAgent.').id).toBe(1);
  });

  it('does not settle on punctuation-only tokens such as an empty ()', () => {
    const miner = new TemplateMiner({ settleAfter: 2 });
    for (let i = 0; i < 5; i++) miner.add(`connection from 10.0.0.${i} () at 12:00:0${i}`);
    expect(miner.add('connection from 10.0.0.9 (host.example.com) at 12:00:09').id).toBe(1);
  });

  it('keeps messages of different lengths or first words apart', () => {
    const miner = new TemplateMiner();
    const ids = [
      'Link error',
      'Link error on port 7',
      'cupsd startup succeeded',
      'sdpd startup succeeded',
    ].map((m) => miner.add(m).id);
    expect(new Set(ids).size).toBe(4);
  });

  it('needs the similarity share of fixed tokens to join', () => {
    const strict = new TemplateMiner({ similarity: 1 });
    strict.add('user alice logged in');
    expect(strict.add('user bob logged in').id).toBe(2);
    const loose = new TemplateMiner({ similarity: 0.5 });
    loose.add('user alice logged in');
    expect(loose.add('user bob logged in').id).toBe(1);
  });

  it('counts, times and places every message', () => {
    const miner = new TemplateMiner();
    miner.add('job 1 done', 2000, { file: 'a.log', line: 3 });
    miner.add('job 2 done', 1000, { file: 'a.log', line: 4 });
    miner.add('job 3 done', NaN, { file: 'a.log', line: 5 });
    miner.add('job 4 done', 3000, { file: 'a.log', line: 6 });
    const [c] = miner.clusters();
    expect(c).toMatchObject({
      id: 1,
      template: 'job <*> done',
      tokens: ['job', '<*>', 'done'],
      count: 4,
      firstTs: 1000,
      lastTs: 3000,
      first: { file: 'a.log', line: 3 },
      sample: 'job 1 done',
    });
    expect(c!.examples).toHaveLength(3);
  });

  it('copies the place it is given, so callers may reuse one object', () => {
    const miner = new TemplateMiner();
    const where = { file: 'x.log', line: 1 };
    miner.add('hello 1', undefined, where);
    where.line = 2;
    miner.add('hello 2', undefined, where);
    expect(miner.clusters()[0]!.examples.map((e) => e.line)).toEqual([1, 2]);
  });

  it('lists clusters by count, then by id', () => {
    const miner = new TemplateMiner();
    for (const m of ['a x', 'b y', 'b y', 'c z', 'c z']) miner.add(m);
    expect(miner.clusters().map((c) => c.id)).toEqual([2, 3, 1]);
  });

  it('keeps at most maxClusters and counts the rest as overflow', () => {
    const miner = new TemplateMiner({ maxClusters: 2 });
    miner.add('alpha beta gamma');
    miner.add('delta epsilon');
    const over = miner.add('zeta', 5, { file: 'f', line: 9 });
    miner.add('eta theta iota kappa', 6);
    expect(over.id).toBe(0);
    expect(miner.size).toBe(2);
    expect(miner.overflow).toEqual({ count: 2, firstTs: 5, example: { file: 'f', line: 9 } });
    // Messages of existing clusters still join them.
    expect(miner.add('alpha beta gamma').id).toBe(1);
  });

  it('handles empty messages', () => {
    const miner = new TemplateMiner();
    expect(miner.add('').id).toBe(miner.add('   ').id);
  });

  it('sends values in front down one branch of the tree', () => {
    const miner = new TemplateMiner();
    const a = miner.add('attempt_1_m_2 TaskAttempt Transitioned from NEW to UNASSIGNED');
    const b = miner.add('attempt_1_r_2 TaskAttempt Transitioned from NEW to UNASSIGNED');
    expect(b.id).toBe(a.id);
  });

  it('shares a wildcard branch once a node has maxChildren children', () => {
    const miner = new TemplateMiner({ maxChildren: 3, similarity: 0.5 });
    const ids = ['apple pie', 'banana pie', 'cherry pie', 'durian pie'].map((m) => miner.add(m).id);
    expect(ids).toEqual([1, 2, 3, 3]);
  });

  it('rejects options out of range', () => {
    expect(() => new TemplateMiner({ similarity: 2 })).toThrow(RangeError);
    expect(() => new TemplateMiner({ maxClusters: 0 })).toThrow(RangeError);
  });

  it('stays quick on a flood of distinct messages of one length', () => {
    let seed = 1;
    const word = (): string => {
      let w = '';
      for (let k = 0; k < 6; k++)
        w += String.fromCharCode(97 + ((seed = (seed * 16807) % 2147483647) % 26));
      return w;
    };
    const miner = new TemplateMiner({ maxClusters: 2000 });
    const start = performance.now();
    for (let i = 0; i < 30_000; i++) miner.add(Array.from({ length: 8 }, word).join(' '));
    // Bounded work per message (a few seconds would mean comparing with every template).
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(miner.size).toBe(2000);
    expect(miner.overflow.count).toBe(28_000);
  });
});
