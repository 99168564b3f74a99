/** The shape of `computeInsights`' answer: what `aftermath insights --json` and `GET /api/insights` return. */

export type GroupBy = 'service' | 'severity' | 'month';
export const GROUP_BYS: readonly GroupBy[] = ['service', 'severity', 'month'];

export type MttxKey = 'mttd' | 'mtta' | 'mttm' | 'mttr';
export const MTTX_KEYS: readonly MttxKey[] = ['mttd', 'mtta', 'mttm', 'mttr'];

/** Median and 90th percentile of one duration over a set of postmortems (null when none has it). */
export interface Spread {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export type MttxSpreads = Record<MttxKey, Spread>;

export interface GroupRow {
  key: string;
  incidents: number;
  /** Sum of started → resolved (else → mitigated), in hours. */
  impactHours: number;
  mttx: MttxSpreads;
}

export interface MonthRow extends GroupRow {
  /** `YYYY-MM` (UTC) of the incident's start. */
  key: string;
}

export type TrendDirection = 'better' | 'worse' | 'flat' | 'unknown';

/** The last 3 calendar months' median against the 3 months before them. */
export interface Trend {
  recentMedianMs: number | null;
  previousMedianMs: number | null;
  recentCount: number;
  previousCount: number;
  /** recent / previous; null when either window is empty. */
  ratio: number | null;
  direction: TrendDirection;
}

export interface CountRow {
  key: string;
  /** Postmortems that name it. */
  postmortems: number;
  /** For factor categories: factors in it (a postmortem may list several). */
  factors?: number;
}

export interface PostmortemRef {
  id: string;
  title: string;
  startedMs: number | null;
  status: string | null;
}

export interface SimilarEarlier extends PostmortemRef {
  /** 0–1: 0.6 × factor similarity + 0.25 × services overlap + 0.15 × tags overlap. */
  score: number;
  /** TF-IDF cosine of the two postmortems' contributing-factor text. */
  factorSimilarity: number;
  sharedServices: string[];
  sharedTags: string[];
  /** The factor words weighing most in the similarity. */
  sharedWords: string[];
}

export interface Repeat extends PostmortemRef {
  similar: SimilarEarlier[];
}

export interface OverdueAction {
  postmortemId: string;
  key: string;
  text: string;
  owner: string | null;
  due: string;
  daysOverdue: number;
  services: string[];
}

export interface ActionStats {
  total: number;
  done: number;
  wontDo: number;
  open: number;
  /** done / (total − won't do); null when nothing counts. */
  completionRate: number | null;
  /** From the postmortem's resolution (else mitigation, else archiving) to the first `done`. */
  timeToClose: Spread;
  overdue: OverdueAction[];
  overdueByOwner: CountRow[];
  overdueByService: CountRow[];
}

export interface ReviewState {
  /** Status `draft`, or no status at all. */
  drafts: PostmortemRef[];
  /** Not published, no reviewers named, and no review meeting held yet. */
  neverReviewed: PostmortemRef[];
}

export interface Insights {
  generatedAt: string;
  by: GroupBy;
  since: string | null;
  total: GroupRow & {
    /** Postmortems without a start and an end (resolved or mitigated): no impact counted. */
    withoutImpact: number;
  };
  groups: GroupRow[];
  /** Every month from the first incident to the last (empty months included, for charts). */
  months: MonthRow[];
  trends: Record<MttxKey, Trend>;
  factorCategories: CountRow[];
  /** Postmortems with factors none of which has a category. */
  uncategorisedFactors: number;
  tags: CountRow[];
  repeats: Repeat[];
  actions: ActionStats;
  review: ReviewState;
}
