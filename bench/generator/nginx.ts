/** nginx `combined` plus the timing and request-id fields of the recorded incident's log_format. */
import type { Clock } from './clock.js';
import type { Prng } from './prng.js';
import type { Request } from './requests.js';

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/**
 * `... "GET /x HTTP/1.1" 200 162 "-" "UA" rt=0.042 uct="0.003" uht="0.043" urt="0.043" ups="200" rid=…`
 * (`rt` is `$request_time`; the upstream fields are `-` when nginx served the file itself).
 */
export function accessLine(clock: Clock, rng: Prng, r: Request): string {
  const head = `${r.ip} - - [${clock.clf}] "${r.method} ${r.path} HTTP/1.1" ${r.status} ${r.bytes} "${r.referrer}" "${r.ua}" rt=${seconds(r.rtMs)}`;
  if (r.outcome === 'static') return `${head} uct="-" uht="-" urt="-" ups="-" rid=${r.rid}`;
  const upstream = Math.max(0, r.rtMs - rng.int(2));
  const uct = seconds(rng.int(4));
  // A gateway timeout never got a header back from the upstream.
  const uht = r.outcome === 'gateway-timeout' ? '-' : seconds(upstream);
  return `${head} uct="${uct}" uht="${uht}" urt="${seconds(upstream)}" ups="${r.status}" rid=${r.rid}`;
}
