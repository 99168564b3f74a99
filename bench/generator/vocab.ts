/**
 * The words the evidence is made of, modelled on the recorded pool-exhaustion incident
 * (`../shared/incidents/pool-exhaustion`): the same shop API, clients and database.
 */
import { weighted } from './prng.js';

/** Documentation address blocks (RFC 5737): realistic-looking, never anyone's real address. */
export const CLIENT_NETS = ['192.0.2', '198.51.100', '203.0.113'] as const;

export const USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
  'ShopApp/5.3.1 (iOS 18.1; iPhone15,2)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'okhttp/4.12.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
] as const;

export const REFERRERS = weighted<string>([
  ['-', 6],
  ['https://shop.example.com/', 3],
  ['https://shop.example.com/cart', 1],
]);

export const SEARCH_WORDS = [
  'tent',
  'jacket',
  'mini',
  'headphones',
  'pro',
  'backpack',
  'pillow',
  'watch',
  'vintage',
  'eco',
  'desk',
  'lamp',
  'kettle',
  'ultra',
  'mug',
  'blender',
  'smart%20lamp',
  'chair',
] as const;

/** Files nginx serves itself (no upstream, `ups="-"`), with their sizes. */
export const STATIC_FILES = weighted<readonly [string, number]>([
  [['/', 180], 4],
  [['/static/app.js', 48213], 3],
  [['/static/style.css', 13200], 3],
  [['/static/logo.svg', 114], 3],
  [['/static/fonts/inter.woff2', 23840], 1],
  [['/favicon.ico', 1150], 1],
]);

export type Endpoint = 'product' | 'order' | 'cart-add' | 'search' | 'cart' | 'checkout';

export const ENDPOINTS = weighted<Endpoint>([
  ['product', 30],
  ['order', 28],
  ['cart-add', 15],
  ['search', 20],
  ['cart', 5],
  ['checkout', 2],
]);

/** Short git shas of the releases: the good one, and the one the incident deploys. */
export const GOOD_VERSION = '3435a21';
export const BAD_VERSION = '0464e75';

/** The slow query of the incident, as PostgreSQL logs a multi-line statement. */
export const ORDER_EVENTS_SQL = [
  'SELECT order_id, event_type, created_at',
  '\t           FROM order_events',
  '\t          WHERE customer_email = $1',
  '\t          ORDER BY created_at DESC',
  '\t          LIMIT 10',
] as const;

export const SLOW_STATEMENTS = [
  'SELECT p.id, p.name, p.price_cents FROM products p WHERE p.search_vector @@ plainto_tsquery($1) ORDER BY ts_rank(p.search_vector, plainto_tsquery($1)) DESC LIMIT 24',
  'UPDATE inventory SET reserved = reserved + $1 WHERE product_id = $2',
  "SELECT count(*) FROM orders WHERE created_at > now() - interval '1 hour'",
  'INSERT INTO cart_items (cart_id, product_id, quantity) VALUES ($1, $2, $3) ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = cart_items.quantity + EXCLUDED.quantity',
] as const;

export const SSH_USERS = [
  'admin',
  'test',
  'ubuntu',
  'oracle',
  'postgres',
  'git',
  'user',
  'pi',
] as const;

export const BLOCKED_PORTS = [23, 22, 445, 3389, 5900, 8080, 2323, 6379, 1433, 9200] as const;
