/**
 * The linter on real postmortems (../shared/postmortems: DFDS and PostHog, MIT): per rule, how often
 * it fires and on how many documents, and — from the judgements we recorded after reading the
 * findings — how many of the judged ones are right.
 *
 *   npx tsx bench/lint-real.ts [--dir ../shared/postmortems] [--show rule-id] [--unjudged] [--markdown]
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseDocument } from '../src/document/index.js';
import { NO_PHRASES } from '../src/lint/define-rule.js';
import { DocumentFacts } from '../src/lint/facts.js';
import { lintText, type LintFinding } from '../src/lint/linter.js';
import { RULE_IDS } from '../src/lint/rules/index.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: join(root, '../shared/postmortems') },
    show: { type: 'string' },
    unjudged: { type: 'boolean', default: false },
    // Prose sentences with words blame is made of, and whether a blameless rule reported them (recall).
    candidates: { type: 'boolean', default: false },
    markdown: { type: 'boolean', default: false },
    // A fixed "today", so that date rules give the same figures on every run.
    now: { type: 'string', default: '2026-06-01' },
    judgements: { type: 'string', default: join(root, 'test/fixtures/lint/real-judgements.json') },
  },
});

interface Judgement {
  ok: boolean;
  note?: string;
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

/**
 * The key a judgement is stored under: file, position, rule and a hash of the message (several can
 * share a place; the hash keeps the documents' own words out of this repository).
 */
const keyOf = (file: string, f: LintFinding): string =>
  `${file}:${f.place.line}:${f.place.column}:${f.ruleId}|${createHash('sha256').update(f.message).digest('hex').slice(0, 12)}`;

if (!existsSync(values.dir)) {
  console.error(`no postmortems at ${values.dir}; pass --dir`);
  process.exit(2);
}
const judgements: Record<string, Judgement> = existsSync(values.judgements)
  ? (JSON.parse(readFileSync(values.judgements, 'utf8')) as Record<string, Judgement>)
  : {};
const now = Date.parse(values.now);

const BLAMELESS = new Set([
  'no-person-as-cause',
  'no-counterfactual-blame',
  'no-human-error',
  'no-judgemental-words',
]);
const TRIGGER =
  /\b(?:should(?:'ve| have| not have)|could(?:'ve| have)|shouldn't have|failed to|forg[eo]t|neglect\w*|didn't notice|did not notice|missed|overlooked|ignored|caused|broke|mistake\w*|human error|operator error|fault|blame\w*|careless|sloppy|negligen\w*|lazy|stupid|accident\w*|mistakenly|inadvertently)\b/i;

/** Prints every prose sentence holding a trigger word, marked when a blameless rule reported it. */
function candidates(files: readonly string[]): void {
  let total = 0;
  let flagged = 0;
  for (const path of files) {
    const file = relative(values.dir, path);
    const text = readFileSync(path, 'utf8');
    const doc = parseDocument(text, { source: file });
    const found = lintText(text, { source: file, now }).findings.filter((f) =>
      BLAMELESS.has(f.ruleId),
    );
    const facts = new DocumentFacts(doc, { now, phrases: NO_PHRASES });
    for (const s of facts.sentences) {
      if (!TRIGGER.test(s.text)) continue;
      const from = s.offsets[0] ?? 0;
      const to = s.offsets[s.offsets.length - 1] ?? from;
      const hit = found.some((f) => (f.place.offset ?? -1) >= from && (f.place.offset ?? -1) <= to);
      total++;
      if (hit) flagged++;
      const line = text.slice(0, from).split('\n').length;
      console.log(
        `${hit ? 'REPORTED' : '        '}  ${file}:${line}  ${s.text.replace(/\s+/g, ' ').slice(0, 160)}`,
      );
    }
  }
  console.log(`\n${total} sentences with a trigger word, ${flagged} reported by a blameless rule`);
}
const files = markdownFiles(values.dir);
if (values.candidates) {
  candidates(files);
  process.exit(0);
}
const byRule = new Map<string, { fires: number; docs: Set<string>; judged: number; ok: number }>();
for (const id of RULE_IDS) byRule.set(id, { fires: 0, docs: new Set(), judged: 0, ok: 0 });
const started = performance.now();
let total = 0;
for (const path of files) {
  const file = relative(values.dir, path);
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  for (const f of lintText(text, { source: file, now }).findings) {
    total++;
    let s = byRule.get(f.ruleId);
    if (!s) byRule.set(f.ruleId, (s = { fires: 0, docs: new Set(), judged: 0, ok: 0 }));
    s.fires++;
    s.docs.add(file);
    const key = keyOf(file, f);
    const j = judgements[key];
    if (j) {
      s.judged++;
      if (j.ok) s.ok++;
    }
    if (values.show === f.ruleId || (values.unjudged && !j)) {
      const line = lines[f.place.line - 1] ?? '';
      console.log(`${key}  ${j ? (j.ok ? 'OK ' : 'BAD') : '?  '}  ${f.message}`);
      console.log(`    | ${line.trim().slice(0, 200)}`);
    }
  }
}
const ms = performance.now() - started;
if (values.show || values.unjudged) process.exit(0);

const pct = (a: number, b: number): string => (b === 0 ? '–' : `${Math.round((100 * a) / b)}%`);
const rows = [...byRule.entries()].map(([id, s]) => [
  id,
  String(s.fires),
  String(s.docs.size),
  String(s.judged),
  String(s.ok),
  pct(s.ok, s.judged),
]);
const header = ['rule', 'fires', 'documents', 'judged', 'correct', 'precision'];
if (values.markdown) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const r of rows) console.log(`| \`${r[0]}\` | ${r.slice(1).join(' | ')} |`);
} else {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(fmt(header));
  for (const r of rows) console.log(fmt(r));
}
console.log(
  `\n${files.length} documents, ${total} findings in ${Math.round(ms)} ms (now = ${values.now}); judgements: ${relative(root, values.judgements)}`,
);
