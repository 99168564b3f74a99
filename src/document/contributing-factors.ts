/** Contributing factors: list items, grouped by sub-heading or bold label (tier, fishbone category). */
import type { ListItem, RootContent } from 'mdast';
import { plainText } from './plain-text.js';
import {
  itemParagraph,
  labelOf,
  leadingLabel,
  topSections,
  type PartContext,
} from './part-context.js';
import { spanOf } from './span.js';
import type { ContributingFactors, Factor, FactorTier, FishboneCategory } from './types.js';

const TIERS: Readonly<Record<string, FactorTier>> = {
  immediate: 'immediate',
  trigger: 'immediate',
  triggers: 'immediate',
  proximate: 'immediate',
  direct: 'immediate',
  contributing: 'contributing',
  contributory: 'contributing',
  systemic: 'systemic',
  underlying: 'systemic',
  latent: 'systemic',
  organisational: 'systemic',
  organizational: 'systemic',
};

const CATEGORIES: Readonly<Record<string, FishboneCategory>> = {
  people: 'people',
  person: 'people',
  human: 'people',
  staff: 'people',
  process: 'process',
  processes: 'process',
  procedure: 'process',
  procedures: 'process',
  tools: 'tools',
  tool: 'tools',
  tooling: 'tools',
  technology: 'tools',
  equipment: 'tools',
  environment: 'environment',
  environmental: 'environment',
  methods: 'methods',
  method: 'methods',
  measurement: 'measurement',
  measurements: 'measurement',
  metrics: 'measurement',
  monitoring: 'measurement',
};

/** The tier and category a label names (`Systemic — process`), if any. */
export function classifyLabel(label: string): { tier?: FactorTier; category?: FishboneCategory } {
  const words = label.toLowerCase().match(/\p{L}+/gu) ?? [];
  // A label is a short name, not a sentence that happens to contain "process".
  if (words.length > 4) return {};
  const out: { tier?: FactorTier; category?: FishboneCategory } = {};
  for (const w of words) {
    const tier = TIERS[w];
    const category = CATEGORIES[w];
    if (tier) out.tier ??= tier;
    if (category) out.category ??= category;
  }
  return out;
}

function withGroup(f: Factor, label: string | undefined): Factor {
  if (label === undefined) return f;
  f.group ??= label;
  const c = classifyLabel(label);
  if (c.tier) f.tier ??= c.tier;
  if (c.category) f.category ??= c.category;
  return f;
}

export function readContributingFactors(ctx: PartContext): ContributingFactors | undefined {
  const sections = topSections(ctx.sections, 'contributing-factors');
  if (sections.length === 0) return undefined;
  const factors: Factor[] = [];
  for (const section of sections) {
    // Labels from outer to inner: a sub-heading, then a bold line under it.
    let heading: string | undefined;
    let label: string | undefined;
    for (const node of section.nodes) {
      if (node.type === 'heading') {
        heading = plainText(node);
        label = undefined;
      } else if (node.type === 'list') {
        for (const item of node.children) readItem(ctx, item, [heading, label], factors);
      } else label = labelOf(node) ?? label;
    }
  }
  return { sections: sections.map((s) => s.index), factors };
}

function readItem(
  ctx: PartContext,
  item: ListItem,
  groups: readonly (string | undefined)[],
  out: Factor[],
): void {
  const p = itemParagraph(item);
  const ownText = p ? plainText(p).trim() : '';
  const nested = item.children.filter(
    (c): c is Extract<RootContent, { type: 'list' }> => c.type === 'list',
  );
  // `- Systemic` with a nested list: a group heading written as a list item.
  const asLabel = ownText.replace(/:$/, '');
  if (nested.length > 0 && (classifyLabel(asLabel).tier || classifyLabel(asLabel).category)) {
    for (const list of nested)
      for (const child of list.children) readItem(ctx, child, [...groups, asLabel], out);
    return;
  }
  if (ownText === '' && nested.length === 0) return;
  let f: Factor = { text: plainText(item).replace(/\s+/g, ' ').trim(), span: spanOf(item) };
  const lead = p ? leadingLabel(ctx.text, p) : undefined;
  if (lead) {
    const c = classifyLabel(lead.label);
    if (c.tier || c.category) f = withGroup(f, lead.label);
  }
  for (const g of [...groups].reverse()) f = withGroup(f, g);
  out.push(f);
}
