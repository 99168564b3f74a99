/** What the timeline rules share: rows grouped by table or list, the moments a row marks, UTC zones. */
import type { PostmortemDocument, TimelineEntry } from '../../document/index.js';

/** Rows of one table, or the list rows under one (sub)section: order and zones are judged per group. */
export function timelineGroups(doc: PostmortemDocument): TimelineEntry[][] {
  const groups = new Map<unknown, TimelineEntry[]>();
  for (const e of doc.timeline?.entries ?? []) {
    const key = e.table ?? `list:${innermostSection(doc, e.span.start.offset)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(e);
  }
  return [...groups.values()];
}

function innermostSection(doc: PostmortemDocument, offset: number): number {
  let found = -1;
  for (const s of doc.sections)
    if (s.span.start.offset <= offset && offset < s.span.end.offset) found = s.index;
  return found;
}

/** A time of day is written (not only a date). */
export const hasClockTime = (e: TimelineEntry): boolean =>
  /\d{1,2}[:.h]\d{2}|\b\d{1,2}\s*[ap]\.?m\b/i.test(e.time.text);

const UTC_NAMES =
  /^(?:utc|z|zulu|gmt|utc[+-]0{1,2}(?::?00)?|gmt[+-]0{1,2}(?::?00)?|[+-]00:?00|etc\/utc)$/i;

export const isUtc = (zone: string): boolean => UTC_NAMES.test(zone.trim());

export type Moment = 'detection' | 'mitigation' | 'resolution';

export const MOMENTS: Readonly<Record<Moment, RegExp>> = {
  detection:
    /\b(?:detect\w*|alert\w*|pag(?:ed|es|ing)|page|notic\w+|report\w*|discover\w*|identif\w*|declar\w*|observ\w*|flagged|fired|spotted|aware|reached out|raised|escalat\w*|investigat\w*|witness\w*|on-?call|triggered|warn(?:ed|ings?)|alarm\w*|notif\w*|complain\w*|ticket|found|saw|seen|noted|caught|incident (?:opened|started|created))\b/i,
  mitigation:
    /\b(?:mitigat\w*|roll(?:ed|ing)?[ -]?back\w*|revert\w*|fail(?:ed)?[ -]?over|restart\w*|reboot\w*|scal(?:ed|ing)|disabl\w*|workaround|hot-?fix\w*|fix\w*|deploy\w*|appl(?:ied|y)|patch\w*|drain\w*|cordon\w*|remov\w*|kill\w*|terminat\w*|block\w*|throttl\w*|redirect\w*|switch\w*|replac\w*|increas\w*|reduc\w*|chang\w*|updat\w*|delet\w*|roll(?:ed|ing)? ?over|rollout|pinned|paused|stopped)\b/i,
  resolution:
    /\b(?:resolv\w*|restor\w*|recover\w*|back to normal|normal\w*|closed|all clear|healthy|resum\w*|stabili[sz]\w*|operational|complete\w*|fixed|up again|back up|working again|no (?:more|further) (?:errors|impact)|ended|solved|works|back (?:in |to )?operation\w*|(?:running|working|functional|available) (?:again|normally|as expected)|(?:running|working)\b[^.]{0,40}\bagain|as expected)\b/i,
};

/** The moments a row marks, by the words of its event. */
export function momentsOf(e: TimelineEntry): Moment[] {
  const text = `${e.event.text} ${e.source?.text ?? ''}`;
  return (Object.keys(MOMENTS) as Moment[]).filter((m) => MOMENTS[m].test(text));
}

/**
 * The moments a timeline covers. A resolution row covers mitigation too (the fix that ended it),
 * and a timeline whose last row is a mitigation ends in its resolution.
 */
export function momentsCovered(entries: readonly TimelineEntry[]): Set<Moment> {
  const seen = new Set<Moment>(entries.flatMap(momentsOf));
  if (seen.has('resolution')) seen.add('mitigation');
  const last = entries[entries.length - 1];
  if (last && momentsOf(last).includes('mitigation')) seen.add('resolution');
  return seen;
}
