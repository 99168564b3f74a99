/** The dates and `--stat` summaries inside `git log` output. */
import type { Attrs } from '../../core/event.js';
import { scanEpoch, scanIso, scanRfc2822, type ScannedTime } from '../../core/time.js';
import type { Zone } from '../../core/zone.js';

/**
 * A date as `git log --date=…` writes it: default and local (`Sun Nov 22 19:42:49 2026 +0000`),
 * rfc, iso, iso-strict, and raw (`1795376569 +0000`). Relative and custom formats are not times.
 */
export function parseGitDate(text: string, zone: Zone): ScannedTime | undefined {
  const c = text.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (text.charCodeAt(4) === 45) return whole(text, scanIso(text, 0, zone));
    const epoch = scanEpoch(text, 0);
    // The raw offset only says where the author was; the epoch is already UTC.
    return epoch && (epoch.end === text.length || text.charCodeAt(epoch.end) === 32)
      ? epoch
      : undefined;
  }
  return whole(text, scanRfc2822(text, 0, zone));
}

function whole(text: string, t: ScannedTime | undefined): ScannedTime | undefined {
  return t !== undefined && t.end === text.length ? t : undefined;
}

const STAT = /^ (\d+) files? changed(?:, (\d+) insertions?\(\+\))?(?:, (\d+) deletions?\(-\))?/;

/** ` 2 files changed, 1 insertion(+), 11 deletions(-)` into filesChanged, insertions, deletions. */
export function readStat(line: string, attrs: Attrs): void {
  const m = STAT.exec(line);
  if (m === null) return;
  attrs.filesChanged = Number(m[1]);
  attrs.insertions = m[2] === undefined ? 0 : Number(m[2]);
  attrs.deletions = m[3] === undefined ? 0 : Number(m[3]);
}
