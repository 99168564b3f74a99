/** The postmortem document model: what the parser finds, each piece with its span in the text. */
import type { Root, RootContent } from 'mdast';
import type { Diagnostic } from '../core/diagnostic.js';
import type { FrontMatter } from './front-matter-types.js';
import type { Span } from './span.js';
import type { TableModel } from './table.js';

export type SectionKind =
  | 'summary'
  | 'impact'
  | 'timeline'
  | 'root-cause'
  | 'five-whys'
  | 'contributing-factors'
  | 'detection'
  | 'response'
  | 'recovery'
  | 'what-went-well'
  | 'what-went-wrong'
  | 'where-we-got-lucky'
  | 'lessons-learned'
  | 'action-items'
  | 'follow-up'
  | 'other';

/** A heading and everything up to the next heading of the same or a higher level. */
export interface Section {
  kind: SectionKind;
  /** The heading's plain text, as written. */
  heading: string;
  depth: 1 | 2 | 3 | 4 | 5 | 6;
  /** Index in `PostmortemDocument.sections`. */
  index: number;
  /** Index of the enclosing section, if any. */
  parent?: number;
  headingSpan: Span;
  /** From the line after the heading to the start of the line of the next same-or-higher heading. */
  bodySpan: Span;
  /** Heading and body. */
  span: Span;
  /** The body's top-level nodes, subsections included. */
  nodes: RootContent[];
  /** Plain text of the body. */
  text: string;
}

/** A piece of inline text: plain text, and the span of what was written. */
export interface Cell {
  text: string;
  span: Span;
}

/** Where a timeline row's zone came from. */
export type ZoneSource = 'cell' | 'header' | 'note';

export interface TimelineEntry {
  form: 'table' | 'list';
  span: Span;
  /** The time as written (`2024-03-13 10:01`, `**16:58 UTC**` → `16:58 UTC`, `HH:mm`). */
  time: Cell;
  /** UTC epoch ms, when the time (and a date, written or from context) could be read. */
  ms?: number;
  /** Whether a zone was stated: in the cell, the column header or a note such as "All times in UTC". */
  zoned: boolean;
  /** The zone as named (`UTC`, `CET`, `+02:00`). */
  zone?: string;
  zoneFrom?: ZoneSource;
  /** Where the date came from: the cell itself or context (an earlier row, a heading, the front matter). */
  dateFrom?: 'cell' | 'context';
  /** A placeholder such as `HH:mm`, `??`, `--:--`, `TBD`. */
  placeholder: boolean;
  event: Cell;
  source?: Cell;
  actor?: Cell;
  /** The table and row, for table rows. */
  table?: TableModel;
  row?: number;
}

export interface Timeline {
  /** Sections the entries come from. */
  sections: number[];
  entries: TimelineEntry[];
  /** "All times in UTC." and the like. */
  zoneNote?: { zone: string; span: Span };
}

export interface Why {
  text: string;
  span: Span;
  /** Nesting depth of the list item, 0 at the top. */
  depth: number;
}

export interface FiveWhys {
  sections: number[];
  whys: Why[];
}

export type FactorTier = 'immediate' | 'contributing' | 'systemic';
export type FishboneCategory =
  'people' | 'process' | 'tools' | 'environment' | 'methods' | 'measurement';

export interface Factor {
  text: string;
  span: Span;
  /** The sub-heading or bold label the factor is grouped under, as written. */
  group?: string;
  tier?: FactorTier;
  category?: FishboneCategory;
}

export interface ContributingFactors {
  sections: number[];
  factors: Factor[];
}

export type ActionColumn =
  'id' | 'action' | 'owner' | 'due' | 'priority' | 'type' | 'status' | 'ticket';

export type ActionType = 'prevent' | 'detect' | 'mitigate' | 'process';
export type ActionStatus = 'open' | 'in-progress' | 'done' | 'wont-do';

export interface ActionItem {
  form: 'table' | 'list';
  span: Span;
  /** The action's plain text (the whole item for list items). */
  text: string;
  /** Cells found: table columns, or `key: value` fields, links and a checkbox in a list item. */
  cells: Partial<Record<ActionColumn, Cell>>;
  type?: ActionType;
  status?: ActionStatus;
  /** Due date, UTC ms of its start. */
  dueMs?: number;
  /** The sub-heading or bold label above the item. */
  group?: string;
  table?: TableModel;
  row?: number;
}

export interface ActionItems {
  sections: number[];
  items: ActionItem[];
}

export interface ImpactNumber {
  /** As written, unit included: `78%`, `305 teams`, `5 hours`. */
  text: string;
  value: number;
  /** `%` or the word after the number, lower case. */
  unit?: string;
  span: Span;
}

export interface Impact {
  sections: number[];
  text: string;
  numbers: ImpactNumber[];
}

export interface PostmortemDocument {
  /** File path or name used in diagnostics. */
  source: string;
  text: string;
  /** The mdast tree, for rules that walk the prose. */
  tree: Root;
  frontMatter?: FrontMatter;
  /** From the front matter, else from a leading level-1 heading that names no section. */
  title?: { text: string; span: Span; from: 'front-matter' | 'heading' };
  /** The leading heading taken as the title (not a section). */
  titleHeading?: Span;
  /** Content between the front matter or title and the first section. */
  preamble?: Span;
  /** Every section in document order, nested ones included. */
  sections: Section[];
  timeline?: Timeline;
  fiveWhys?: FiveWhys;
  contributingFactors?: ContributingFactors;
  actionItems?: ActionItems;
  impact?: Impact;
  diagnostics: Diagnostic[];
}
