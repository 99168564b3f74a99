/** The journalctl command line for a window: whole seconds outward, the exact edges are filtered after. */
import type { Window } from '../connector.js';
import type { JournaldOptions } from './options.js';

/**
 * systemd.time(7) reads `@<seconds since the epoch>` as a timestamp; `--since`/`--until` are both
 * inclusive there, so the seconds are rounded outward and the lines outside the window dropped.
 */
export function journalctlArgv(o: JournaldOptions, w?: Window): string[] {
  const argv = [...(o.command ?? []), 'journalctl', '-o', 'json', '--utc', '--no-pager', '--quiet'];
  // Without a window: the query as the manifest describes it.
  if (w)
    argv.push(`--since=@${Math.floor(w.since / 1000)}`, `--until=@${Math.ceil(w.until / 1000)}`);
  for (const u of o.units ?? []) argv.push('-u', u);
  if (o.priority !== undefined) argv.push('-p', String(o.priority));
  argv.push(...(o.extra_args ?? []));
  return argv;
}
