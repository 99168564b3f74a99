/** The JSON API over real HTTP, against a copy of the example incident. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { versionOf } from './documents.js';
import { startServer, type RunningServer } from './start.js';

const EXAMPLE = resolve('examples/pool-exhaustion');
const DOC =
  '# Postmortem\n\nThe outage was caused by human error; Bob should have been more careful.\n';

describe('aftermath serve API', () => {
  let dir: string;
  let server: RunningServer;
  const get = (path: string, init?: RequestInit): Promise<Response> =>
    fetch(new URL(path, server.url), init);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftermath-serve-'));
    await cp(EXAMPLE, join(dir, 'pool-exhaustion'), { recursive: true });
    await writeFile(join(dir, 'pool-exhaustion', 'postmortem.md'), DOC);
    server = await startServer({ root: dir, port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the cases and their postmortems', async () => {
    const res = await get('/api/cases');
    expect(res.status).toBe(200);
    const { cases } = (await res.json()) as {
      cases: { id: string; title?: string; docs: { id: string; name: string }[] }[];
    };
    expect(cases).toHaveLength(1);
    expect(cases[0]!.id).toBe('pool-exhaustion');
    expect(cases[0]!.title).toMatch(/connection pool exhaustion/);
    expect(cases[0]!.docs).toEqual([
      { id: 'pool-exhaustion:postmortem.md', name: 'postmortem.md' },
    ]);
  });

  it('serves the analysis with its key moments, evidence paths relative to the case', async () => {
    const res = await get('/api/cases/pool-exhaustion/analysis');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      analysis: { schema: string; moments: { kind: string; evidence: { file: string }[] }[] };
    };
    expect(body.analysis.schema).toBe('aftermath/analysis@1');
    const onset = body.analysis.moments.find((m) => m.kind === 'onset');
    expect(onset?.evidence[0]?.file).toBe('nginx/access.log');
  }, 30_000);

  it('reads the raw lines around an evidence line', async () => {
    const res = await get(
      '/api/cases/pool-exhaustion/lines?file=nginx/access.log&line=7477&context=3',
    );
    expect(res.status).toBe(200);
    const { lines } = (await res.json()) as { lines: { line: number; text: string }[] };
    expect(lines.map((l) => l.line)).toEqual([7474, 7475, 7476, 7477, 7478, 7479, 7480]);
    expect(lines.find((l) => l.line === 7477)?.text).toMatch(/" 503 /);
  }, 30_000);

  it.each([
    ['../../etc/passwd', 403],
    ['/etc/passwd', 403],
    ['nginx/../../../etc/passwd', 403],
    ['aftermath.yaml', 404],
    ['nginx/missing.log', 404],
  ])('refuses %s with %i and a JSON error', async (file, status) => {
    const res = await get(
      `/api/cases/pool-exhaustion/lines?file=${encodeURIComponent(file)}&line=1`,
    );
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toBeTruthy();
  });

  it('gets a postmortem with its version as the ETag, and lint findings', async () => {
    const res = await get('/api/docs/pool-exhaustion:postmortem.md');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { text: string; version: string; findings: unknown[] };
    expect(body.text).toBe(DOC);
    expect(body.version).toBe(versionOf(DOC));
    expect(res.headers.get('etag')).toBe(`"${body.version}"`);
    expect(body.findings.length).toBeGreaterThan(0);
  });

  it('saves over the version read, and refuses a stale version with 409', async () => {
    const path = join(dir, 'pool-exhaustion', 'postmortem.md');
    const url = '/api/docs/pool-exhaustion:postmortem.md';
    const put = (text: string, version: string): Promise<Response> =>
      get(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'if-match': `"${version}"` },
        body: JSON.stringify({ text }),
      });
    const { version } = (await (await get(url)).json()) as { version: string };
    const edited = `${DOC}\nEdited.\n`;
    const saved = await put(edited, version);
    expect(saved.status).toBe(200);
    const savedBody = (await saved.json()) as { version: string; findings: unknown[] };
    expect(savedBody.version).toBe(versionOf(edited));
    expect(await readFile(path, 'utf8')).toBe(edited);

    const stale = await put('lost update', version);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { current: string }).current).toBe(versionOf(edited));
    expect(await readFile(path, 'utf8')).toBe(edited);

    const unconditional = await get(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x' }),
    });
    expect(unconditional.status).toBe(428);
    expect(await readFile(path, 'utf8')).toBe(edited);
  });

  it('lints a text without saving it', async () => {
    const res = await get('/api/lint', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: DOC }),
    });
    expect(res.status).toBe(200);
    const { findings } = (await res.json()) as { findings: { ruleId: string; line: number }[] };
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => typeof f.ruleId === 'string' && f.line >= 1)).toBe(true);
  });

  it('answers unknown routes and cases with 404 JSON, bad input with 400, no stack traces', async () => {
    for (const [path, status] of [
      ['/api/nope', 404],
      ['/api/cases/nope/analysis', 404],
      ['/api/docs/pool-exhaustion:README.md', 404],
      ['/api/cases/pool-exhaustion/lines?file=nginx/access.log&line=abc', 400],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(status);
      const text = await res.text();
      expect(JSON.parse(text)).toHaveProperty('error');
      expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    const bad = await get('/api/lint', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(bad.status).toBe(400);
  });

  it('serves the UI and uPlot', async () => {
    const page = await get('/');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toContain('/main.js');
    expect((await get('/vendor/uPlot.iife.min.js')).status).toBe(200);
    expect((await get('/..%2Fpackage.json')).status).toBe(404);
  });
});

describe('auth', () => {
  const app = createApp({ root: EXAMPLE, token: 'sekrit-token' });
  const host = { host: '192.0.2.10:4173' };

  it('requires the token on every API request off loopback', async () => {
    const none = await app.request('/api/cases', { headers: host });
    expect(none.status).toBe(401);
    expect(await none.json()).toHaveProperty('error');
    const wrong = await app.request('/api/cases', {
      headers: { ...host, authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    const bearer = await app.request('/api/cases', {
      headers: { ...host, authorization: 'Bearer sekrit-token' },
    });
    expect(bearer.status).toBe(200);
    const query = await app.request('/api/cases?token=sekrit-token', { headers: host });
    expect(query.status).toBe(200);
  });

  it('without a token, answers only requests addressed to loopback (DNS rebinding)', async () => {
    const open = createApp({ root: EXAMPLE });
    expect(
      (await open.request('/api/cases', { headers: { host: 'evil.example:4173' } })).status,
    ).toBe(403);
    expect((await open.request('/api/cases', { headers: { host: '127.0.0.1:4173' } })).status).toBe(
      200,
    );
  });

  it('generates a token when the host is not loopback', async () => {
    const server = await startServer({ root: EXAMPLE, port: 0, host: '0.0.0.0' });
    try {
      expect(server.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      const res = await fetch(`http://127.0.0.1:${server.port}/api/cases`);
      expect(res.status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
