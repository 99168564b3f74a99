/** One HTTP request through nginx (and, unless nginx serves it, the API): what both logs say. */
import type { Prng } from './prng.js';
import {
  CLIENT_NETS,
  ENDPOINTS,
  REFERRERS,
  SEARCH_WORDS,
  STATIC_FILES,
  USER_AGENTS,
  type Endpoint,
} from './vocab.js';

export type Outcome =
  | 'static'
  | 'ok'
  | 'not-found'
  /** Succeeded, but the incident's slow query held it for seconds. */
  | 'slow'
  /** PostgreSQL refused the connection: `FATAL: sorry, too many clients already`. */
  | 'pool-exhausted'
  /** `statement_timeout` cancelled the query: HTTP 500. */
  | 'statement-timeout'
  /** nginx gave up on the upstream: 504, the API logs nothing. */
  | 'gateway-timeout'
  /** A rare unrelated failure outside the incident. */
  | 'app-error';

export interface Request {
  readonly rid: string;
  readonly ip: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly endpoint: Endpoint | 'static';
  readonly status: number;
  readonly bytes: number;
  readonly referrer: string;
  readonly ua: string;
  /** nginx `$request_time`, ms. */
  readonly rtMs: number;
  readonly outcome: Outcome;
  /** Which PostgreSQL error the API reports for `pool-exhausted` (both appear in the recording). */
  readonly fatal: 'too-many' | 'reserved';
}

/** Share of requests nginx answers from disk: assets and the page shell. */
const STATIC_SHARE = 0.3;

function route(rng: Prng, endpoint: Endpoint): { method: 'GET' | 'POST'; path: string } {
  switch (endpoint) {
    case 'product':
      // A few ids past the catalogue: the 404s of a normal day.
      return {
        method: 'GET',
        path: `/api/products/${rng.chance(0.006) ? rng.range(20001, 21000) : rng.range(1, 20000)}`,
      };
    case 'order':
      return { method: 'GET', path: `/api/orders/${rng.range(100000, 300000)}` };
    case 'cart-add':
      return { method: 'POST', path: '/api/cart/items' };
    case 'search':
      return { method: 'GET', path: `/api/products?q=${rng.pick(SEARCH_WORDS)}` };
    case 'cart':
      return { method: 'GET', path: '/api/cart' };
    case 'checkout':
      return { method: 'POST', path: '/api/checkout' };
  }
}

const MEDIAN_MS: Record<Endpoint, number> = {
  product: 6,
  order: 35,
  'cart-add': 4,
  search: 25,
  cart: 5,
  checkout: 60,
};

const OK_BYTES: Record<Endpoint, readonly [number, number]> = {
  product: [150, 175],
  order: [300, 420],
  'cart-add': [85, 85],
  search: [900, 5200],
  cart: [120, 900],
  checkout: [118, 124],
};

/** Draws the next request; `level` is the incident intensity (0 on a normal day). */
export function nextRequest(rng: Prng, level: number): Request {
  const rid = rng.hex(32);
  const ip = `${rng.pick(CLIENT_NETS)}.${rng.range(1, 254)}`;
  const ua = rng.pick(USER_AGENTS);
  const referrer = rng.pickWeighted(REFERRERS);
  const fatal: Request['fatal'] = rng.chance(0.6) ? 'reserved' : 'too-many';
  if (rng.chance(STATIC_SHARE)) {
    const [path, size] = rng.pickWeighted(STATIC_FILES);
    const cached = path !== '/' && rng.chance(0.3);
    const base = { rid, ip, method: 'GET', path, endpoint: 'static', referrer, ua, fatal } as const;
    return {
      ...base,
      status: cached ? 304 : 200,
      bytes: cached ? 0 : size,
      rtMs: 0,
      outcome: 'static',
    };
  }
  const endpoint = rng.pickWeighted(ENDPOINTS);
  const { method, path } = route(rng, endpoint);
  const base = { rid, ip, method, path, endpoint, referrer, ua, fatal };
  const ok = method === 'POST' ? 201 : 200;
  const [lo, hi] = OK_BYTES[endpoint];
  const x = rng.float();
  // Every request needs a connection during the incident; order lookups also hit the slow query.
  const pool = 0.3 * level;
  const timeout = endpoint === 'order' ? 0.35 * level : 0;
  const gateway = endpoint === 'order' ? 0.04 * level : 0;
  const slow = endpoint === 'order' ? 0.4 * level : 0;
  if (x < pool) {
    return { ...base, status: 503, bytes: 90, rtMs: rng.range(40, 480), outcome: 'pool-exhausted' };
  }
  if (x < pool + timeout) {
    return {
      ...base,
      status: 500,
      bytes: 85,
      rtMs: rng.range(4005, 4300),
      outcome: 'statement-timeout',
    };
  }
  if (x < pool + timeout + gateway) {
    return {
      ...base,
      status: 504,
      bytes: rng.chance(0.5) ? 562 : 160,
      rtMs: rng.range(5000, 5040),
      outcome: 'gateway-timeout',
    };
  }
  if (x < pool + timeout + gateway + slow) {
    return {
      ...base,
      status: ok,
      bytes: rng.range(lo, hi),
      rtMs: rng.range(1000, 3950),
      outcome: 'slow',
    };
  }
  if (path.startsWith('/api/products/') && Number(path.slice(14)) > 20000) {
    return { ...base, status: 404, bytes: 88, rtMs: rng.range(1, 4), outcome: 'not-found' };
  }
  if (rng.chance(0.0004)) {
    return { ...base, status: 500, bytes: 85, rtMs: rng.range(2, 30), outcome: 'app-error' };
  }
  const rtMs = Math.max(1, Math.round(rng.logNormal(MEDIAN_MS[endpoint], 0.6)));
  return { ...base, status: ok, bytes: rng.range(lo, hi), rtMs, outcome: 'ok' };
}
