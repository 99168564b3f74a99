/** The typed front matter of a postmortem. Keys are spelt as in the YAML. */
import type { Span } from './span.js';

export const STATUSES = ['draft', 'in-review', 'published'] as const;
export type Status = (typeof STATUSES)[number];

/** The severities accepted unless the caller configures a scale. */
export const DEFAULT_SEVERITY_SCALE: readonly string[] = [
  'SEV1',
  'SEV2',
  'SEV3',
  'SEV4',
  'P1',
  'P2',
  'P3',
  'P4',
];

export const TIME_FIELDS = [
  'started',
  'detected',
  'acknowledged',
  'mitigated',
  'resolved',
] as const;
export type TimeField = (typeof TIME_FIELDS)[number];

/** Fields that take a date or a time. */
export const DATE_FIELDS = ['shared', 'review_meeting', 'follow_up_review'] as const;
export type DateField = (typeof DATE_FIELDS)[number];

export const LIST_FIELDS = ['authors', 'reviewers', 'services', 'tags'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

/** A time or date as written, and as read. */
export interface TimeValue {
  raw: string;
  /** UTC epoch ms; a time without a zone is read as UTC (and `zoned` is false). */
  ms?: number;
  zoned: boolean;
  /** Only a date was given (`2026-11-24`). */
  dateOnly: boolean;
}

export interface FrontMatterData {
  id?: string;
  title?: string;
  status?: Status;
  /** Normalised to the scale's spelling (`sev-2` → `SEV2`). */
  severity?: string;
  authors?: string[];
  reviewers?: string[];
  services?: string[];
  tags?: string[];
  started?: TimeValue;
  detected?: TimeValue;
  acknowledged?: TimeValue;
  mitigated?: TimeValue;
  resolved?: TimeValue;
  shared?: TimeValue;
  review_meeting?: TimeValue;
  follow_up_review?: TimeValue;
  /** Keys aftermath does not know, kept as parsed. */
  extra: Record<string, unknown>;
}

/** Where a top-level key and its value are. */
export interface FieldSpans {
  key: Span;
  value: Span;
}

export interface FrontMatter {
  /** The whole block, fences included. */
  span: Span;
  /** The YAML between the fences. */
  contentSpan: Span;
  raw: string;
  /** The YAML parsed without errors. */
  ok: boolean;
  data: FrontMatterData;
  /** Every top-level key, known or not. */
  fields: Record<string, FieldSpans>;
}
