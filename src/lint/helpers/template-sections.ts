/** Sections of the built-in `default` template: the heading and guidance a missing section is added with. */
import {
  BUILT_IN_TEMPLATES,
  insertSection,
  parseDocument,
  type PostmortemDocument,
  type Section,
  type SectionKind,
  type TextEdit,
} from '../../document/index.js';

interface TemplateSection {
  heading: string;
  /** Only the guidance comments of the template body: an added section holds no placeholders. */
  body: string;
}

let cache: { order: SectionKind[]; sections: Map<SectionKind, TemplateSection> } | undefined;

function template(): NonNullable<typeof cache> {
  if (cache) return cache;
  const t = BUILT_IN_TEMPLATES.find((x) => x.name === 'default');
  const doc = parseDocument(t?.text ?? '');
  const order: SectionKind[] = [];
  const sections = new Map<SectionKind, TemplateSection>();
  for (const s of doc.sections) {
    if (s.kind === 'other' || sections.has(s.kind)) continue;
    order.push(s.kind);
    const body = doc.text.slice(s.bodySpan.start.offset, s.bodySpan.end.offset);
    const comments = body.match(/<!--[\s\S]*?-->/g) ?? [];
    sections.set(s.kind, { heading: s.heading, body: comments.join('\n\n') });
  }
  cache = { order, sections };
  return cache;
}

/** The name a kind has in the template ("Root cause"), or the kind itself. */
export function sectionName(kind: SectionKind): string {
  return template().sections.get(kind)?.heading ?? kind;
}

/** Edits that add a missing section where the template would have it, among the top-level sections. */
export function addSectionEdits(doc: PostmortemDocument, kind: SectionKind): TextEdit[] {
  const { order, sections } = template();
  const spec = sections.get(kind);
  const rank = order.indexOf(kind);
  if (!spec || rank < 0) return [];
  const top = doc.sections.filter((s) => s.parent === undefined);
  const ranked = (s: Section): number => order.indexOf(s.kind);
  let after: Section | undefined;
  for (const s of top) if (ranked(s) >= 0 && ranked(s) < rank) after = s;
  const before = after ? undefined : top.find((s) => ranked(s) > rank);
  const depth = top[0]?.depth ?? 2;
  return insertSection(doc, {
    heading: spec.heading,
    depth,
    body: spec.body,
    ...(after ? { after } : before ? { before } : {}),
  });
}
