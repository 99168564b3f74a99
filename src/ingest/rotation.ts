/**
 * Rotated files of one log are one source: `access.log`, `access.log.1` and `access.log.2.gz`
 * (logrotate's numbered and dated names) share the source name `access.log`, and so do an AWS load
 * balancer's five-minute files. The analysis counts, baselines and first errors per source name;
 * a log split across files would otherwise look like several logs, each with half a history.
 * Every event still names the file and line it came from.
 */
import { basename, dirname } from 'node:path';
import type { SourceSpec } from './source.js';

// logrotate's suffixes: `.1`, `.2.gz`, `-20261122`, `-2026112213` (dateext with the hour),
// `.2026-11-22`, `-2026-11-22`, each maybe compressed.
const NUMBERED = /^(.+?)\.\d{1,4}(?:\.gz)?$/;
const DATED = /^(.+?)[.-](?:\d{8}|\d{10}|\d{4}-\d{2}-\d{2})(?:\.gz)?$/;
const COMPRESSED = /^(.+?)\.gz$/;
/**
 * `111122223333_elasticloadbalancing_eu-west-1_app.shop.5f0c2a7e9b1d3c44_20261122T1940Z_10.0.0.1_2x8k.log.gz`:
 * account, service, region, load balancer, then the five-minute stamp, node address and a random tail.
 */
const ELB =
  /^(\d{12}_elasticloadbalancing_[a-z0-9-]+_[^_]+)_\d{8}T\d{4}Z_[^_]+_[^_]+\.log(?:\.gz)?$/;

/** The name a file's log goes by without its rotation suffix; the name itself when it has none. */
export function rotationStem(file: string): string {
  const m = ELB.exec(file) ?? NUMBERED.exec(file) ?? DATED.exec(file) ?? COMPRESSED.exec(file);
  return m ? m[1]! : file;
}

/**
 * Whether files with these names are one log rotated. Numbers alone are not enough (`node.1` and
 * `node.2` may be two machines): the live file must be there too. Dates and load balancer stamps
 * say rotation by themselves.
 */
function isFamily(files: readonly string[], stem: string): boolean {
  if (files.length < 2) return false;
  if (files.includes(stem)) return true;
  return files.every((f) => ELB.test(f) || (DATED.test(f) && !NUMBERED.test(f)));
}

/**
 * Gives the files of each rotation family (same folder, same stem, two files or more) one source
 * name: the members' name with their file name replaced by the stem. Only names that end with the
 * file's own name are touched: a source named in a case file keeps its name. Returns each renamed
 * spec with a key its family shares.
 */
export function nameRotationFamilies(specs: SourceSpec[]): Map<SourceSpec, string> {
  const named = new Map<SourceSpec, string>();
  const families = new Map<string, SourceSpec[]>();
  for (const s of specs) {
    if (s.kind === 'git' || s.path === '-') continue;
    const file = basename(s.path);
    if (!s.name.endsWith(file)) continue;
    const stem = rotationStem(file);
    const key = `${dirname(s.path)}\0${stem}\0${s.name.slice(0, s.name.length - file.length)}`;
    const members = families.get(key);
    if (members) members.push(s);
    else families.set(key, [s]);
  }
  // Families fill disjoint places: each can be reordered within its own.
  const place = new Map(specs.map((s, i) => [s, i]));
  for (const members of families.values()) {
    const files = members.map((s) => basename(s.path));
    const stem = rotationStem(files[0]!);
    if (!isFamily(files, stem)) continue;
    const key = members.map((s) => s.path).join('\0');
    for (const s of members) {
      const file = basename(s.path);
      s.name = s.name.slice(0, s.name.length - file.length) + stem;
      named.set(s, key);
    }
    // The family's places in the list, refilled oldest file first: listings and per-line output
    // then read the log in the order it was written.
    const places = members.map((s) => place.get(s)!).sort((a, b) => a - b);
    const ordered = [...members].sort(
      (a, b) =>
        age(basename(b.path), stem) - age(basename(a.path), stem) ||
        (basename(a.path) < basename(b.path) ? -1 : 1),
    );
    places.forEach((at, i) => (specs[at] = ordered[i]!));
  }
  return named;
}

/**
 * How old a rotated file is, larger for older: `x.3` is older than `x.1`, which is older than the
 * live `x`; dated names (and load balancer stamps) count back from the newest date.
 */
function age(file: string, stem: string): number {
  if (file === stem) return 0;
  const numbered = /\.(\d{1,4})(?:\.gz)?$/.exec(file);
  if (numbered && NUMBERED.test(file)) return Number(numbered[1]);
  // Dates as digits (20261122, 2026-11-22 → 20261122, 20261122T1940Z → 202611221940): the later,
  // the younger.
  const digits = file.slice(stem.length).replace(/\D/g, '').slice(0, 12).padEnd(12, '0');
  return digits.length > 0 ? 1e12 - Number(digits) : 0;
}
