import { execFileSync, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeDetector } from '../../analysis/moments/changes.js';
import type { LogEvent } from '../../core/event.js';
import { parseCaseConfig } from '../../ingest/case-config.js';
import { openTimeline } from '../../ingest/timeline.js';
import { collectCase, type CollectResult } from '../collect.js';
import { git } from './index.js';
import { parseRemoteUrl } from './remote-url.js';

const since = Date.parse('2026-11-22T19:30:00Z');
const until = Date.parse('2026-11-22T20:00:00Z');
const TOKEN = 's3cr3t-t0ken-9f8e7d';

let dir: string;
let remote: string;
let work: string;
let cache: string;
const shas: Record<string, string> = {};

/** git with a fixed identity and dates, isolated from the user's config. */
function g(args: string[], date?: string, cwd = work): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Ana Ruiz',
      GIT_AUTHOR_EMAIL: 'ana@example.com',
      GIT_COMMITTER_NAME: 'Ana Ruiz',
      GIT_COMMITTER_EMAIL: 'ana@example.com',
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    },
  }).trim();
}

async function commit(key: string, subject: string, date: string): Promise<void> {
  await writeFile(join(work, 'pool.conf'), `${subject}\n`);
  g(['add', 'pool.conf']);
  g(['commit', '-q', '-m', subject], date);
  shas[key] = g(['rev-parse', 'HEAD']);
}

/** A smart-HTTP git server: git's own http-backend behind Basic auth, as a forge would be. */
async function gitHttpServer(
  root: string,
  seen: string[],
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    seen.push(auth);
    if (auth !== `Basic ${Buffer.from(`deployer:${TOKEN}`).toString('base64')}`) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        REMOTE_USER: 'deployer',
        REMOTE_ADDR: '127.0.0.1',
      },
    });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on('data', (c: Buffer) => chunks.push(c));
    cgi.on('close', () => {
      const out = Buffer.concat(chunks);
      const end = out.indexOf('\r\n\r\n');
      const head = out.subarray(0, end).toString('latin1').split('\r\n');
      let status = 200;
      const headers: Record<string, string> = {};
      for (const h of head) {
        const [k, ...v] = h.split(': ');
        if (k!.toLowerCase() === 'status') status = Number(v.join(': ').split(' ')[0]);
        else headers[k!] = v.join(': ');
      }
      res.writeHead(status, headers).end(out.subarray(end + 4));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

async function collect(
  name: string,
  source: string,
  force = false,
): Promise<{ caseDir: string; r: CollectResult }> {
  const caseDir = join(dir, `case-${name}`);
  await mkdir(caseDir, { recursive: true });
  const yaml = `sources:\n${source}`;
  await writeFile(join(caseDir, 'aftermath.yaml'), yaml);
  const r = await collectCase(caseDir, parseCaseConfig(yaml, 'aftermath.yaml').live, {
    window: { since, until },
    force,
    env: { XDG_CACHE_HOME: cache },
    connector: (t) => Promise.resolve(t === 'git' ? (git as never) : undefined),
  });
  return { caseDir, r };
}

async function timeline(caseDir: string): Promise<LogEvent[]> {
  const tl = await openTimeline([caseDir]);
  const out: LogEvent[] = [];
  for await (const batch of tl.events) out.push(...batch);
  return out;
}

/** Every file under `root` whose bytes contain `needle`. */
async function filesHolding(root: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const e of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    if ((await readFile(path)).includes(needle)) hits.push(path);
  }
  return hits;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aftermath-git-'));
  cache = join(dir, 'cache');
  remote = join(dir, 'remote', 'shop-api.git');
  work = join(dir, 'work');
  await mkdir(work, { recursive: true });
  g(['init', '-q', '--bare', '-b', 'main', remote], undefined, dir);
  // Lets the file:// clone be blob-less, as a forge's would be.
  g(['config', 'uploadpack.allowFilter', 'true'], undefined, remote);
  g(['init', '-q', '-b', 'main']);
  await commit('c0', 'Initial service', '2026-11-21T10:00:00Z');
  g(['tag', '-a', 'deploy-2026-11-21.1', '-m', 'deploy to production'], '2026-11-21T10:05:00Z');
  await commit('c1', 'Raise pool size to 40', '2026-11-22T19:35:00Z');
  g(['tag', '-a', 'deploy-2026-11-22.2', '-m', 'deploy to production'], '2026-11-22T19:36:00Z');
  // Committed at 20:50 +01:00, which is 19:50 UTC: inside the window.
  await commit('c2', 'Add report export buffer', '2026-11-22T20:50:00+01:00');
  g(['tag', 'deploy-2026-11-22.3']);
  g(['tag', '-a', 'v2.14.0', '-m', 'release 2.14.0'], '2026-11-22T19:52:00Z');
  await commit('c3', 'Revert "Add report export buffer"', '2026-11-22T20:10:00Z');
  g(['checkout', '-q', '-b', 'feature']);
  await commit('f1', 'Try a bigger heap', '2026-11-22T19:40:00Z');
  g(['checkout', '-q', 'main']);
  g(['push', '-q', remote, 'main', 'feature', '--tags']);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('git connector', () => {
  it('snapshots the window’s commits and deploy tags of a file:// remote', async () => {
    const { caseDir, r } = await collect(
      'file',
      `  - name: shop-git\n    type: git\n    url: file://${remote}\n    deploy_tags: deploy-*\n`,
    );
    expect(r.sources[0]).toMatchObject({ outcome: 'collected', items: 4, gaps: [] });
    const [cached] = await readdir(join(cache, 'aftermath', 'git'));
    const config = await readFile(join(cache, 'aftermath', 'git', cached!, 'config'), 'utf8');
    expect(config).toMatch(/partialclonefilter = blob:none/);
    expect(config).toContain(`url = file://${remote}`);
    const manifest = JSON.parse(await readFile(join(caseDir, 'evidence/manifest.json'), 'utf8'));
    expect(manifest.sources['shop-git'].query).toBe(`git file://${remote} HEAD tags deploy-*`);
    expect(
      manifest.sources['shop-git'].files.map((f: { path: string; format: string }) => [
        f.path,
        f.format,
      ]),
    ).toEqual([
      ['commits.log', 'git-log'],
      ['tags.jsonl', 'json'],
    ]);

    const evs = await timeline(caseDir);
    const commits = evs.filter((e) => e.source === 'shop-git/commits');
    // Only main's commits inside the window: not c0 (before), c3 (after) or the feature branch.
    expect(commits.map((e) => [e.attrs.sha, e.message, new Date(e.ts).toISOString()])).toEqual([
      [shas.c1, 'Raise pool size to 40', '2026-11-22T19:35:00.000Z'],
      [shas.c2, 'Add report export buffer', '2026-11-22T19:50:00.000Z'],
    ]);
    expect(commits[0]!.attrs).toMatchObject({ author: 'Ana Ruiz', email: 'ana@example.com' });

    const tags = evs.filter((e) => e.source === 'shop-git/tags');
    expect(tags.map((e) => [new Date(e.ts).toISOString(), e.message])).toEqual([
      [
        '2026-11-22T19:36:00.000Z',
        `deploy tag deploy-2026-11-22.2 → ${shas.c1!.slice(0, 7)} (shop-api): deployed by Ana Ruiz`,
      ],
      [
        '2026-11-22T19:50:00.000Z',
        `deploy tag deploy-2026-11-22.3 → ${shas.c2!.slice(0, 7)} (shop-api): deployed by Ana Ruiz`,
      ],
    ]);
    expect(tags[0]!.attrs).toMatchObject({
      tag: 'deploy-2026-11-22.2',
      sha: shas.c1,
      annotated: true,
      tagger: 'Ana Ruiz',
      taggerEmail: 'ana@example.com',
      subject: 'deploy to production',
    });
    expect(tags[1]!.attrs).toMatchObject({ tag: 'deploy-2026-11-22.3', annotated: false });

    // The change detector reads the commits as changes and the tags as deploys, linked to commits.
    const d = new ChangeDetector();
    for (const e of [...evs].sort((a, b) => a.ts - b.ts)) d.add(e);
    const moments = d.finish();
    expect(moments.filter((m) => m.kind === 'change').map((m) => m.data?.sha)).toEqual([
      shas.c1,
      shas.c2,
    ]);
    const deploys = moments.filter((m) => m.kind === 'deploy');
    expect(deploys.map((m) => new Date(m.ts).toISOString())).toEqual([
      '2026-11-22T19:36:00.000Z',
      '2026-11-22T19:50:00.000Z',
    ]);
    expect(deploys[1]!.data).toMatchObject({ sha: shas.c2, commit: 'Add report export buffer' });
  });

  it('fetches into the cache again on the next collect and reads another ref', async () => {
    await commit('c4', 'Lower pool timeout', '2026-11-22T19:55:00Z');
    g(['push', '-q', remote, 'main']);
    const { r, caseDir } = await collect(
      'file',
      `  - name: shop-git\n    type: git\n    url: file://${remote}\n    deploy_tags: deploy-*\n`,
      true,
    );
    expect(r.sources[0]).toMatchObject({ outcome: 'collected', items: 5 });
    const text = await readFile(join(caseDir, 'evidence/shop-git/commits.log'), 'utf8');
    expect(text).toContain(`${shas.c4}\t`);
    const feature = await collect(
      'feature',
      `  - name: shop-git\n    type: git\n    url: ${remote}\n    ref: feature\n`,
    );
    const evs = await timeline(feature.caseDir);
    expect(evs.map((e) => e.message)).toEqual([
      'Raise pool size to 40',
      'Try a bigger heap',
      'Add report export buffer',
    ]);
  });

  it('uses user:token@ from an https-style URL without writing or printing the token', async () => {
    const root = join(dir, 'remote');
    const seen: string[] = [];
    const { server, url } = await gitHttpServer(root, seen);
    try {
      const withToken = url.replace('http://', `http://deployer:${TOKEN}@`) + '/shop-api.git';
      const { caseDir, r } = await collect(
        'http',
        `  - name: shop-git\n    type: git\n    url: ${withToken}\n    deploy_tags: deploy-*\n`,
      );
      expect(r.sources[0]).toMatchObject({ outcome: 'collected', gaps: [] });
      expect(seen.some((a) => a.startsWith('Basic '))).toBe(true);
      const manifest = await readFile(join(caseDir, 'evidence/manifest.json'), 'utf8');
      expect(JSON.parse(manifest).sources['shop-git'].query).toBe(
        `git ${url}/shop-api.git HEAD tags deploy-*`,
      );
      expect(await filesHolding(join(caseDir, 'evidence'), TOKEN)).toEqual([]);
      expect(await filesHolding(cache, TOKEN)).toEqual([]);
      expect(JSON.stringify(r)).not.toContain(TOKEN);
      expect((await timeline(caseDir)).length).toBeGreaterThan(0);

      // A refused token: a gap that names the remote, not the token.
      const wrong = `${url.replace('http://', 'http://deployer:wrong-' + TOKEN + '@')}/shop-api.git`;
      const refused = await collect(
        'http-refused',
        `  - name: shop-git\n    type: git\n    url: ${wrong}\n`,
      );
      expect(refused.r.sources[0]!.outcome).toBe('failed');
      const message = refused.r.sources[0]!.gaps[0]!.message;
      expect(message).toMatch(/127\.0\.0\.1/);
      expect(message).not.toContain(TOKEN);
      expect(JSON.stringify(refused.r)).not.toContain(TOKEN);
      expect(await filesHolding(join(refused.caseDir, 'evidence'), TOKEN)).toEqual([]);
      expect(await filesHolding(cache, TOKEN)).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('reports a ref that is not in the remote and a remote that does not exist', async () => {
    const bad = await collect(
      'bad-ref',
      `  - name: shop-git\n    type: git\n    url: file://${remote}\n    ref: release-9\n`,
    );
    expect(bad.r.sources[0]!.gaps[0]!.message).toMatch(
      /ref "release-9" is not a commit in file:\/\//,
    );
    const gone = await collect(
      'gone',
      `  - name: shop-git\n    type: git\n    url: file://${dir}/nowhere.git\n`,
    );
    expect(gone.r.sources[0]!.outcome).toBe('failed');
    expect(gone.r.sources[0]!.gaps[0]!.message).toMatch(/git clone .*exit code 128/);
  });

  it('keeps credentials out of the URL it stores and shows', () => {
    expect(parseRemoteUrl('https://bot:ghp_abc@github.com/acme/shop-api.git')).toEqual({
      clean: 'https://github.com/acme/shop-api.git',
      authorization: `Basic ${Buffer.from('bot:ghp_abc').toString('base64')}`,
      secret: 'ghp_abc',
      repo: 'shop-api',
    });
    expect(parseRemoteUrl('ssh://git@git.example.com:2222/acme/shop-api.git').clean).toBe(
      'ssh://git@git.example.com:2222/acme/shop-api.git',
    );
    expect(parseRemoteUrl('git@github.com:acme/shop-api.git')).toEqual({
      clean: 'git@github.com:acme/shop-api.git',
      repo: 'shop-api',
    });
    expect(() => parseRemoteUrl('../shop-api')).toThrow(/relative path/);
  });
});
