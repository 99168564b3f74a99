/** The UI's files: web/ as written (plain ES modules, no build) and uPlot from node_modules. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** web/ sits two levels up from both src/server/ and dist/server/. */
const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

const VENDOR: Record<string, string> = {
  'uPlot.iife.min.js': 'uplot/dist/uPlot.iife.min.js',
  'uPlot.min.css': 'uplot/dist/uPlot.min.css',
};

export interface StaticFile {
  body: Buffer;
  type: string;
}

function typeOf(name: string): string | undefined {
  return TYPES[name.slice(name.lastIndexOf('.') + 1)];
}

/**
 * The file for a URL path, or undefined. Names are matched against a plain pattern, never joined
 * as given, so no request reaches a file outside web/ or the two vendor files.
 */
export async function staticFile(urlPath: string): Promise<StaticFile | undefined> {
  let path: string | undefined;
  let name = urlPath === '/' ? 'index.html' : urlPath.slice(1);
  if (name.startsWith('vendor/')) {
    const id = VENDOR[name.slice('vendor/'.length)];
    if (id === undefined) return undefined;
    path = require.resolve(id);
    name = id;
  } else if (/^[a-z0-9-]+\.(html|js|css|svg)$/.test(name)) path = `${WEB_DIR}${name}`;
  const type = typeOf(name);
  if (path === undefined || type === undefined) return undefined;
  try {
    return { body: await readFile(path), type };
  } catch {
    return undefined;
  }
}
