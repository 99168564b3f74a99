/**
 * Mermaid diagrams of a postmortem, as GitHub and GitLab draw them from a ```mermaid block: the
 * five-whys chain, the contributing factors by group (a fishbone, as a flowchart), the timeline.
 */
import type { PostmortemDocument } from '../document/types.js';

const MAX_LABEL = 70;
const MAX_TIMELINE = 40;

/** Text safe inside a quoted Mermaid label: no quotes, brackets or line breaks to end it early. */
function label(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const cut = one.length > MAX_LABEL ? `${one.slice(0, MAX_LABEL - 1)}…` : one;
  return cut
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/[[\]{}|]/g, ' ');
}

/** Whether an item is still the template's placeholder rather than content. */
function placeholder(text: string): boolean {
  return /^(why\s*\.{3}\??|\.{3}|-|tbd|todo)?$/i.test(text.trim());
}

export function fiveWhysDiagram(doc: PostmortemDocument): string | undefined {
  const whys = (doc.fiveWhys?.whys ?? []).filter((w) => !placeholder(w.text));
  if (whys.length < 2) return undefined;
  const lines = ['flowchart TD'];
  whys.forEach((w, i) => lines.push(`  w${i}["${i + 1}. ${label(w.text)}"]`));
  for (let i = 1; i < whys.length; i++) lines.push(`  w${i - 1} -->|why?| w${i}`);
  return lines.join('\n');
}

export function fishboneDiagram(doc: PostmortemDocument): string | undefined {
  const factors = (doc.contributingFactors?.factors ?? []).filter((f) => !placeholder(f.text));
  if (factors.length === 0) return undefined;
  const groups = new Map<string, string[]>();
  for (const f of factors) {
    const g = f.category ?? f.tier ?? f.group ?? 'factors';
    groups.set(g, [...(groups.get(g) ?? []), f.text]);
  }
  const lines = ['flowchart LR', `  incident(("${label(doc.title?.text ?? 'Incident')}"))`];
  let g = 0;
  let n = 0;
  for (const [name, items] of groups) {
    lines.push(`  subgraph g${g}["${label(name)}"]`);
    for (const text of items) lines.push(`    f${n++}["${label(text)}"]`);
    lines.push('  end');
    lines.push(`  g${g} --> incident`);
    g++;
  }
  return lines.join('\n');
}

/** Mermaid's timeline separates with `:`, so times and events lose theirs. */
function timelineText(text: string): string {
  return label(text)
    .replace(/:/g, '∶')
    .replace(/#quot;/g, "'")
    .replace(/;/g, ',');
}

export function timelineDiagram(doc: PostmortemDocument): string | undefined {
  const entries = (doc.timeline?.entries ?? []).filter((e) => !e.placeholder && e.ms !== undefined);
  if (entries.length < 2) return undefined;
  const lines = ['timeline', '  title Timeline (UTC)'];
  let day = '';
  let lastTime = '';
  for (const e of entries.slice(0, MAX_TIMELINE)) {
    const iso = new Date(e.ms!).toISOString();
    if (iso.slice(0, 10) !== day) {
      day = iso.slice(0, 10);
      lines.push(`  section ${day}`);
      lastTime = '';
    }
    const time = iso.slice(11, 19).replace(/:/g, '∶');
    const event = timelineText(e.event.text);
    // Events at the same time share a line.
    if (time === lastTime) lines[lines.length - 1] += ` : ${event}`;
    else lines.push(`    ${time} : ${event}`);
    lastTime = time;
  }
  if (entries.length > MAX_TIMELINE)
    lines.push(`    … : ${entries.length - MAX_TIMELINE} more rows in the table`);
  return lines.join('\n');
}
