import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveInputs } from './read-paths.js';
import { nameRotationFamilies, rotationStem } from './rotation.js';
import type { SourceSpec } from './source.js';

describe('rotationStem', () => {
  it("strips logrotate's numbered, dated and compressed suffixes", () => {
    expect(rotationStem('access.log.1')).toBe('access.log');
    expect(rotationStem('access.log.12.gz')).toBe('access.log');
    expect(rotationStem('syslog.2.gz')).toBe('syslog');
    expect(rotationStem('messages-20261122')).toBe('messages');
    expect(rotationStem('messages-2026112213.gz')).toBe('messages');
    expect(rotationStem('app.log.2026-11-22')).toBe('app.log');
    expect(rotationStem('app.log.gz')).toBe('app.log');
    expect(rotationStem('access.log')).toBe('access.log');
    expect(rotationStem('postgresql-2026-11-22_000000.log')).toBe(
      'postgresql-2026-11-22_000000.log',
    );
  });

  it("keeps an AWS load balancer's account, region and name, not its five-minute stamp", () => {
    expect(
      rotationStem(
        '111122223333_elasticloadbalancing_eu-west-1_app.shop.5f0c2a7e9b1d3c44_20261122T1940Z_10.0.0.1_2x8kq1.log.gz',
      ),
    ).toBe('111122223333_elasticloadbalancing_eu-west-1_app.shop.5f0c2a7e9b1d3c44');
  });
});

const spec = (path: string, name = path.slice(path.lastIndexOf('/') + 1)): SourceSpec => ({
  name,
  path,
});

describe('nameRotationFamilies', () => {
  it('names the files of one rotated log alike, oldest first in the list', () => {
    const specs = [
      spec('/l/access.log'),
      spec('/l/access.log.1'),
      spec('/l/access.log.2.gz'),
      spec('/l/error.log'),
    ];
    const family = nameRotationFamilies(specs);
    expect(specs.map((s) => [s.name, s.path])).toEqual([
      ['access.log', '/l/access.log.2.gz'],
      ['access.log', '/l/access.log.1'],
      ['access.log', '/l/access.log'],
      ['error.log', '/l/error.log'],
    ]);
    expect(new Set([...family.values()]).size).toBe(1);
    expect(family.has(specs[3]!)).toBe(false);
  });

  it('orders dated files by their dates, the live file last', () => {
    const specs = [
      spec('/l/messages'),
      spec('/l/messages-20261115.gz'),
      spec('/l/messages-20261122'),
    ];
    nameRotationFamilies(specs);
    expect(specs.map((s) => s.path)).toEqual([
      '/l/messages-20261115.gz',
      '/l/messages-20261122',
      '/l/messages',
    ]);
  });

  it('does not join numbered files without their live file: they may be different logs', () => {
    const specs = [spec('/l/node.1'), spec('/l/node.2')];
    expect(nameRotationFamilies(specs).size).toBe(0);
    expect(specs.map((s) => s.name)).toEqual(['node.1', 'node.2']);
  });

  it('joins dated files and load balancer files on their own', () => {
    const dated = [spec('/l/app-20261121.gz'), spec('/l/app-20261122.gz')];
    nameRotationFamilies(dated);
    expect(dated.map((s) => s.name)).toEqual(['app', 'app']);
    const lb = '111122223333_elasticloadbalancing_eu-west-1_app.shop.5f0c2a7e9b1d3c44';
    const elb = [
      spec(`/s3/${lb}_20261122T1945Z_10.0.0.1_b.log.gz`),
      spec(`/s3/${lb}_20261122T1940Z_10.0.0.2_a.log.gz`),
    ];
    nameRotationFamilies(elb);
    expect(elb.map((s) => s.name)).toEqual([lb, lb]);
    expect(elb[0]!.path).toContain('T1940Z');
  });

  it('leaves sources named in a case file, and files in other folders, as they are', () => {
    const specs = [
      spec('/l/access.log', 'nginx'),
      spec('/l/access.log.1', 'nginx-old'),
      spec('/a/x.log'),
      spec('/b/x.log.1'),
    ];
    expect(nameRotationFamilies(specs).size).toBe(0);
    expect(specs.map((s) => s.name)).toEqual(['nginx', 'nginx-old', 'x.log', 'x.log.1']);
  });
});

describe('resolveInputs with rotated files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftermath-rotation-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives a folder of rotated logs one source per log, and still tells other twins apart', async () => {
    const line = '1.2.3.4 - - [22/Nov/2026:19:40:41 +0000] "GET / HTTP/1.1" 200 12 "-" "curl"\n';
    await mkdir(join(dir, 'nginx'));
    for (const f of ['access.log', 'access.log.1', 'error.log'])
      await writeFile(join(dir, 'nginx', f), line);
    const { specs } = await resolveInputs([join(dir, 'nginx')]);
    expect(specs.map((s) => s.name)).toEqual(['access.log', 'access.log', 'error.log']);
    expect(specs.map((s) => s.path.slice(dir.length))).toEqual([
      '/nginx/access.log.1',
      '/nginx/access.log',
      '/nginx/error.log',
    ]);
    // Two unrelated files that show the same name still get names of their own.
    await mkdir(join(dir, 'other'));
    await writeFile(join(dir, 'other', 'error.log'), line);
    const twins = await resolveInputs([join(dir, 'nginx'), join(dir, 'other')]);
    expect(twins.specs.map((s) => s.name)).toEqual([
      'access.log',
      'access.log',
      'error.log',
      'error.log#2',
    ]);
  });
});
