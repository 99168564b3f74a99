/** The postmortem archive's structural interface: one contract, an SQLite and a PostgreSQL implementation. */
import type {
  ActionStatus,
  ActionType,
  FactorTier,
  FishboneCategory,
  SectionKind,
} from '../document/types.js';

/** Where a postmortem's id came from: the front matter, or a hash of path and title when it has none. */
export type IdOrigin = 'front-matter' | 'derived';

/** A tracker an action item is linked to. */
export type TrackerKind = 'github' | 'gitlab' | 'jira' | 'other';

export interface TrackerLink {
  tracker: TrackerKind;
  url: string;
  /** The tracker's own key when known: `owner/repo#12`, `OPS-42`. */
  key?: string;
}

/** Who changed an action item's status: a re-imported document, a tracker sync, or a person. */
export type StatusOrigin = 'document' | 'tracker' | 'user';

export interface StatusChange {
  status: ActionStatus;
  /** UTC epoch ms. */
  at: number;
  origin: StatusOrigin;
  note?: string;
}

export interface SectionRecord {
  kind: SectionKind;
  heading: string;
  depth: number;
  /** Plain text of the body. */
  text: string;
}

export interface TimelineRecord {
  /** The time as written. */
  time: string;
  /** UTC epoch ms, when the time could be read. */
  ms?: number;
  zone?: string;
  event: string;
  source?: string;
  actor?: string;
}

export interface FactorRecord {
  text: string;
  group?: string;
  tier?: FactorTier;
  category?: FishboneCategory;
}

/** An action item as the document states it. */
export interface ActionItemRecord {
  /** Stable within the postmortem: the item's ID cell, else `#n` (1-based position). */
  key: string;
  text: string;
  owner?: string;
  /** The due date as written, and read (UTC ms of its start). */
  due?: string;
  dueMs?: number;
  priority?: string;
  type?: ActionType;
  status?: ActionStatus;
  /** The ticket cell as written. */
  ticket?: string;
  /** The link read from the ticket cell (or the item's text), when there is one. */
  link?: TrackerLink;
}

/** Durations from the front matter's times, in ms (what the insights aggregate). */
export interface AnalysisSummary {
  timeToDetectMs?: number;
  timeToAcknowledgeMs?: number;
  timeToMitigateMs?: number;
  timeToResolveMs?: number;
  timelineRows: number;
  factors: number;
  actionItems: number;
  /** The summary section's plain text. */
  summary?: string;
}

/** What is written to the archive for one postmortem: built from the parsed document by `recordFromDocument`. */
export interface PostmortemRecord {
  id: string;
  idFrom: IdOrigin;
  /** sha256 of the file's text: decides whether a re-import changes anything. */
  contentHash: string;
  /** The path it was imported from. */
  path: string;
  title: string;
  status?: string;
  severity?: string;
  services: string[];
  tags: string[];
  authors: string[];
  /** UTC epoch ms of the front-matter times; `startedMs` falls back to the first dated timeline row. */
  startedMs?: number;
  detectedMs?: number;
  acknowledgedMs?: number;
  mitigatedMs?: number;
  resolvedMs?: number;
  /** The front matter as parsed (times as written), JSON-safe. */
  frontMatter: Record<string, unknown>;
  sections: SectionRecord[];
  timeline: TimelineRecord[];
  factors: FactorRecord[];
  actionItems: ActionItemRecord[];
  analysis: AnalysisSummary;
  /** The Markdown as imported. */
  markdown: string;
  /** Title and section text, what full-text search indexes. */
  plainText: string;
}

/** An archived action item: the document's view, plus the link and status history the archive keeps. */
export interface ArchivedActionItem extends ActionItemRecord {
  postmortemId: string;
  /** The status now: the last change, else the document's. */
  status?: ActionStatus;
  history: StatusChange[];
  /** False once a re-import no longer lists the item (its history is kept). */
  inDocument: boolean;
}

export interface ArchivedPostmortem extends Omit<PostmortemRecord, 'actionItems'> {
  /** Starts at 1; every write to the postmortem or its action items adds 1. */
  version: number;
  archivedAt: number;
  updatedAt: number;
  actionItems: ArchivedActionItem[];
}

/** One row of `list`: no sections, timeline or text. */
export interface PostmortemSummary {
  id: string;
  version: number;
  title: string;
  status?: string;
  severity?: string;
  services: string[];
  startedMs?: number;
  path: string;
  /** sha256 of the text last imported: lets a re-import skip unchanged files without parsing them. */
  contentHash: string;
  updatedAt: number;
  openActionItems: number;
}

export interface ListFilter {
  status?: string;
  service?: string;
  severity?: string;
  /** Only postmortems whose incident started (or, without a start, were archived) at or after this UTC ms. */
  since?: number;
  limit?: number;
}

export interface SearchHit {
  id: string;
  title: string;
  /** Higher is better; only comparable within one result. */
  score: number;
  /** Text around the match, the matched words in «». */
  snippet: string;
}

export interface ActionItemFilter {
  postmortemId?: string;
  status?: ActionStatus;
  /** Only items with (true) or without (false) a tracker link. */
  linked?: boolean;
  /** Include items the document no longer lists (default false). */
  removed?: boolean;
}

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

export interface UpsertResult {
  id: string;
  outcome: UpsertOutcome;
  version: number;
}

export interface WriteOptions {
  /** Fail with a `StoreConflictError` unless the postmortem is at this version (optimistic concurrency). */
  expectedVersion?: number;
}

export interface StatusOptions extends WriteOptions {
  origin?: StatusOrigin;
  note?: string;
  /** UTC ms; now by default. */
  at?: number;
}

/** The writes; inside `batch` they commit together or not at all. */
export interface StoreWriter {
  /** Adds the postmortem, or updates it when its content hash changed; unchanged otherwise. */
  upsert(record: PostmortemRecord, options?: WriteOptions): Promise<UpsertResult>;
  /** Records a status change (appended to the history); resolves to the postmortem's new version. */
  setActionStatus(
    postmortemId: string,
    key: string,
    status: ActionStatus,
    options?: StatusOptions,
  ): Promise<number>;
  /** Links the item to a tracker (or unlinks it with `null`); resolves to the postmortem's new version. */
  setActionLink(
    postmortemId: string,
    key: string,
    link: TrackerLink | null,
    options?: WriteOptions,
  ): Promise<number>;
  /** Removes the postmortem and everything it owns; false when there was none. */
  remove(id: string, options?: WriteOptions): Promise<boolean>;
}

export interface Store extends StoreWriter {
  readonly kind: 'sqlite' | 'postgres';
  /** The file path, or the URL without its password. */
  readonly location: string;
  get(id: string): Promise<ArchivedPostmortem | undefined>;
  /** Newest incident first. */
  list(filter?: ListFilter): Promise<PostmortemSummary[]>;
  /** Full text over titles and sections, best match first. */
  search(text: string, options?: { limit?: number }): Promise<SearchHit[]>;
  actionItems(filter?: ActionItemFilter): Promise<ArchivedActionItem[]>;
  /** Every postmortem in full, oldest archived first, one at a time. */
  export(): AsyncIterable<ArchivedPostmortem>;
  /** Runs the writes in one transaction: all of them are kept, or (on an error or a kill) none. */
  batch<T>(fn: (writer: StoreWriter) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
