/**
 * Deploy tags whose tagger date (or commit date, for a lightweight tag) is in the window, as JSON
 * lines the `json` format reads, worded so the change detector takes them for deploys.
 */
import type { CollectContext } from '../connector.js';
import type { GitRunner } from './run-git.js';

export const TAGS_FILE = 'tags.jsonl';

// Tab-separated; the subject last, as it is the one field that may hold a tab.
const FIELDS = [
  '%(refname:strip=2)',
  '%(objecttype)',
  '%(objectname)',
  '%(*objectname)',
  '%(taggerdate:iso-strict)',
  '%(committerdate:iso-strict)',
  '%(taggername)',
  '%(taggeremail)',
  '%(committername)',
  '%(contents:subject)',
];

export interface TagRecord {
  time: string;
  level: 'info';
  msg: string;
  tag: string;
  sha: string;
  /** The commit again under a version key, so the change detector links the deploy to it. */
  commit: string;
  annotated: boolean;
  tagger?: string;
  taggerEmail?: string;
  subject?: string;
  repository: string;
}

/** One for-each-ref line as a record, or undefined when it is not a tag of a commit in the window. */
export function tagRecord(
  line: string,
  repo: string,
  since: number,
  until: number,
): TagRecord | undefined {
  const f = line.split('\t');
  if (f.length < FIELDS.length) return undefined;
  const [tag, type, object, peeled, taggerDate, commitDate, tagger, email, committer] = f as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const subject = f.slice(FIELDS.length - 1).join('\t');
  const annotated = type === 'tag';
  if (!annotated && type !== 'commit') return undefined;
  const sha = annotated ? peeled : object;
  const when = Date.parse(annotated ? taggerDate : commitDate);
  if (!(when >= since && when < until) || sha === '') return undefined;
  const by = annotated ? tagger : committer;
  const r: TagRecord = {
    time: new Date(when).toISOString(),
    level: 'info',
    msg: `deploy tag ${tag} → ${sha.slice(0, 7)} (${repo}): deployed${by ? ` by ${by}` : ''}`,
    tag,
    sha,
    commit: sha,
    annotated,
    repository: repo,
  };
  if (annotated && tagger) r.tagger = tagger;
  if (annotated && email) r.taggerEmail = email.replace(/^<|>$/g, '');
  if (subject) r.subject = subject;
  return r;
}

/** Writes the window's deploy tags, oldest first; returns how many. */
export async function writeTags(
  ctx: CollectContext,
  git: GitRunner,
  dir: string,
  pattern: string,
  repo: string,
  counter: { items: number },
): Promise<number> {
  const records: TagRecord[] = [];
  const args = [
    '-C',
    dir,
    'for-each-ref',
    `--format=${FIELDS.join('%09')}`,
    `refs/tags/${pattern}`,
  ];
  for await (const line of git.lines(args)) {
    const r = tagRecord(line, repo, ctx.window.since, ctx.window.until);
    if (r) records.push(r);
  }
  records.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.tag < b.tag ? -1 : 1));
  const out = ctx.open(TAGS_FILE, 'json');
  for (const r of records) {
    ctx.progress(counter.items + 1);
    counter.items++;
    await out.json(r);
  }
  return records.length;
}
