/** The postmortem document: parse Markdown with front matter into a typed model, edit it in place, start one from a template. */
export { parseDocument, type ParseOptions } from './parse.js';
export type {
  ActionColumn,
  ActionItem,
  ActionItems,
  ActionStatus,
  ActionType,
  Cell,
  ContributingFactors,
  Factor,
  FactorTier,
  FishboneCategory,
  FiveWhys,
  Impact,
  ImpactNumber,
  PostmortemDocument,
  Section,
  SectionKind,
  Timeline,
  TimelineEntry,
  Why,
  ZoneSource,
} from './types.js';
export {
  DATE_FIELDS,
  DEFAULT_SEVERITY_SCALE,
  LIST_FIELDS,
  STATUSES,
  TIME_FIELDS,
  type FieldSpans,
  type FrontMatter,
  type FrontMatterData,
  type Status,
  type TimeValue,
} from './front-matter-types.js';
export { normaliseSeverity } from './front-matter-schema.js';
export { sectionKind, normaliseHeading, SECTION_SYNONYMS } from './section-kinds.js';
export { TIMELINE_COLUMNS } from './timeline.js';
export { ACTION_COLUMNS, actionStatus, actionType } from './action-items.js';
export type { CellModel, RowModel, TableModel } from './table.js';
export { LineIndex, spanOf, toPlace, type Point, type Span } from './span.js';
export { readIsoTime, timeParts, type TimeParts, type YearMonthDay } from './time-text.js';
export { plainText } from './plain-text.js';
export { findSection, findSections, sectionBody } from './query.js';
export {
  applyEdits,
  insertSection,
  replaceSectionBody,
  setActionItemCell,
  setFrontMatterField,
  setFrontMatterFields,
  type FieldValue,
  type NewSection,
  type ReplaceBodyOptions,
  type TextEdit,
} from './edit.js';
export {
  BUILT_IN_TEMPLATES,
  customTemplates,
  findTemplate,
  type Template,
} from './templates/index.js';
export { newDocument, slug, type NewDocumentOptions } from './templates/new-document.js';
