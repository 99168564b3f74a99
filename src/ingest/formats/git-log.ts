/** `git log` output (medium, fuller, --stat, --parents, --decorate) and aftermath's own tab-separated format. */
import type { Attrs } from '../../core/event.js';
import { formatUtc } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';
import { parseGitDate, readStat } from './git-log-lines.js';

/**
 * The `--format` aftermath passes when it runs git itself: sha, author date, committer date,
 * author name, author email, subject, tab-separated, one commit a line:
 * `git log --date=iso-strict --format=<GIT_LOG_FORMAT>`.
 */
export const GIT_LOG_FORMAT = '%H%x09%aI%x09%cI%x09%an%x09%ae%x09%s';

// The subject comes last, so a tab inside it stays part of it; the dates bound the backtracking.
const TAB_LINE =
  /^([0-9a-f]{40}|[0-9a-f]{64})\t([^\t]{10,40})\t([^\t]{10,40})\t([^\t]*)\t([^\t]*)\t/;
const REVERTS = /This reverts commit ([0-9a-f]{7,64})/;

/** Where the commit being read stands: before its subject (header lines) or after. */
interface GitState {
  entry: ParsedEntry | undefined;
  subject: boolean;
  committed: boolean;
}

function gitState(ctx: ParseContext): GitState {
  let s = ctx.state['git-log'] as GitState | undefined;
  if (s === undefined) {
    s = { entry: undefined, subject: false, committed: false };
    ctx.state['git-log'] = s;
  }
  return s;
}

function hexRun(s: string, i: number): number {
  let j = i;
  for (;;) {
    const c = s.charCodeAt(j);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) j++;
    else return j - i;
  }
}

/** `commit <sha>[ <parent>…][ (<refs>)]`; the time and subject follow on later lines. */
function commitLine(line: string, ctx: ParseContext): ParsedEntry | null {
  const n = hexRun(line, 7);
  if (n !== 40 && n !== 64) return null;
  const end = 7 + n;
  if (end < line.length && line.charCodeAt(end) !== 32) return null;
  const attrs: Attrs = { sha: line.slice(7, end) };
  let rest = line.slice(end + 1);
  if (rest.endsWith(')')) {
    const open = rest.indexOf('(');
    if (open >= 0) {
      const refs = rest.slice(open + 1, -1);
      // `(from <sha>)` is -m's note of the parent a merge is diffed against, not a ref.
      if (!refs.startsWith('from ')) attrs.refs = refs;
      rest = rest.slice(0, open);
    }
  }
  const parents = rest.trim();
  // --parents lists them on this line; more than one parent is a merge.
  if (parents.indexOf(' ') > 0) attrs.merge = parents;
  const entry: ParsedEntry = {
    ts: NaN,
    tsText: '',
    zoned: false,
    level: 'notice',
    message: '',
    attrs,
  };
  const state = gitState(ctx);
  state.entry = entry;
  state.subject = false;
  state.committed = false;
  return entry;
}

function tabLine(line: string, ctx: ParseContext): ParsedEntry | null {
  const m = TAB_LINE.exec(line);
  if (m === null) return null;
  const authored = parseGitDate(m[2]!, ctx.zone);
  const committed = parseGitDate(m[3]!, ctx.zone);
  if (authored === undefined || committed === undefined) return null;
  const attrs: Attrs = { sha: m[1]! };
  if (m[4]!.length > 0) attrs.author = m[4]!;
  if (m[5]!.length > 0) attrs.email = m[5]!;
  attrs.authorDate = formatUtc(authored.ms);
  attrs.commitDate = formatUtc(committed.ms);
  const message = line.slice(m[0].length);
  if (message.startsWith('Revert "')) attrs.revert = true;
  gitState(ctx).entry = undefined;
  return {
    ts: committed.ms,
    tsText: m[3]!,
    zoned: committed.zoned,
    level: 'notice',
    message,
    attrs,
  };
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  const c = line.charCodeAt(0);
  if (c === 99 /* c */)
    return line.startsWith('commit ') ? commitLine(line, ctx) : tabLine(line, ctx);
  if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) return tabLine(line, ctx);
  return null;
}

// A change lands when it is committed: the committer date (fuller's CommitDate) is the time on
// the timeline; the author date (medium's Date) stands in when it is all there is.
function amend(entry: ParsedEntry, line: string, ctx: ParseContext): void {
  const state = gitState(ctx);
  if (state.entry !== entry) return;
  const attrs = (entry.attrs ??= {});
  if (line.startsWith('    ')) {
    const text = line.slice(4);
    if (!state.subject) {
      state.subject = true;
      entry.message = text.trimEnd();
      if (text.startsWith('Revert "')) attrs.revert = true;
      return;
    }
    const m = REVERTS.exec(text);
    if (m !== null) attrs.reverts ??= m[1]!;
    return;
  }
  if (line.charCodeAt(0) === 32) {
    readStat(line, attrs);
    return;
  }
  if (state.subject) return;
  const colon = line.indexOf(':');
  if (colon <= 0 || colon > 12) return;
  const key = line.slice(0, colon);
  const value = line.slice(colon + 1).trim();
  switch (key) {
    case 'Author':
      person(value, attrs, 'author', 'email');
      break;
    case 'Commit':
      // Usually the author again; a different committer (rebase, cherry-pick, web merge) is news.
      if (value !== personText(attrs)) person(value, attrs, 'committer', 'committerEmail');
      break;
    case 'Date':
    case 'AuthorDate':
      date(entry, value, ctx, 'authorDate', !state.committed);
      break;
    case 'CommitDate':
      state.committed = date(entry, value, ctx, 'commitDate', true) || state.committed;
      break;
    case 'Merge':
      attrs.merge ??= value;
      break;
    default:
      break;
  }
}

function person(value: string, attrs: Attrs, name: string, email: string): void {
  const lt = value.lastIndexOf(' <');
  if (lt > 0 && value.endsWith('>')) {
    attrs[name] = value.slice(0, lt);
    attrs[email] = value.slice(lt + 2, -1);
  } else attrs[name] = value;
}

function personText(attrs: Attrs): string | undefined {
  const author = attrs.author;
  if (author === undefined) return undefined;
  return attrs.email === undefined ? String(author) : `${author} <${attrs.email}>`;
}

function date(
  entry: ParsedEntry,
  value: string,
  ctx: ParseContext,
  key: string,
  use: boolean,
): boolean {
  const t = parseGitDate(value, ctx.zone);
  if (t === undefined) return false;
  (entry.attrs ??= {})[key] = formatUtc(t.ms);
  if (use) {
    entry.ts = t.ms;
    entry.tsText = value;
    entry.zoned = t.zoned;
  }
  return true;
}

export const gitLog: LogFormat = {
  id: 'git-log',
  aliases: ['git'],
  description:
    "git log: medium, fuller, --stat, --parents, and aftermath's tab-separated GIT_LOG_FORMAT",
  multiline: true,
  // git lists the newest commit first.
  unordered: true,
  // A `git log` starts with its first commit; the tab format has no such header, so it is judged
  // line by line.
  detect(sample, ctx) {
    for (const line of sample) {
      if (line.trim().length === 0) continue;
      if (line.startsWith('commit ')) return commitLine(line, ctx) === null ? 0 : 1;
      break;
    }
    return detectByParse(gitLog, sample, ctx);
  },
  parse,
  amend,
};
