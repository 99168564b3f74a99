/** The structural interface every issue tracker implements, and the marker that ties a ticket to an action item. */
import { AftermathError } from '../errors.js';

export type TrackerId = 'github' | 'gitlab' | 'jira';
export const TRACKER_IDS: readonly TrackerId[] = ['github', 'gitlab', 'jira'];

/** What aftermath wants a ticket to say; built from an action item (see ticket-draft.ts). */
export interface TicketDraft {
  /** `aftermath:<postmortem id>/<item id>`: found again by search, so a lost answer never makes a duplicate. */
  marker: string;
  title: string;
  /** Markdown (GitHub, GitLab) or plain paragraphs turned into ADF (Jira); ends with the marker. */
  body: string;
  labels: string[];
  /** The tracker's account: GitHub login, GitLab user id, Jira accountId. */
  assignee?: string;
  /** `YYYY-MM-DD`. */
  due?: string;
}

export type TicketState = 'open' | 'closed';

export interface Ticket {
  /** What the tracker calls it: `42` (GitHub, GitLab iid) or `OPS-7` (Jira). */
  ref: string;
  /** A link for people, written into the document. */
  url: string;
  title: string;
  state: TicketState;
  /** ISO 8601, when closed. */
  closedAt?: string;
  /** The marker found in the ticket's body, if any. */
  marker?: string;
  /** A hash of the draft the ticket was last written from (in the body), to tell an edited item. */
  fingerprint?: string;
}

export interface Tracker {
  readonly id: TrackerId;
  /** Every ticket that carries a marker for this postmortem, keyed by marker (all pages). */
  findByPostmortem(postmortemId: string): Promise<Map<string, Ticket>>;
  /** One ticket by its ref; undefined when the tracker says 404. */
  get(ref: string): Promise<Ticket | undefined>;
  create(draft: TicketDraft): Promise<Ticket>;
  update(ref: string, draft: TicketDraft): Promise<Ticket>;
  /** The ref of a ticket link written in a document, when it points into this tracker. */
  refFromLink(text: string): string | undefined;
}

export type TrackerErrorKind =
  'auth' | 'not-found' | 'rejected' | 'rate-limited' | 'server' | 'network' | 'bad-body';

export class TrackerError extends AftermathError {
  readonly kind: TrackerErrorKind;
  readonly status: number | undefined;
  constructor(
    kind: TrackerErrorKind,
    message: string,
    extra: { status?: number; cause?: unknown } = {},
  ) {
    super(`tracker/${kind}`, message, { cause: extra.cause });
    this.name = 'TrackerError';
    this.kind = kind;
    this.status = extra.status;
  }
}

/** Whether a failed create may have reached the tracker (so search again before trying again). */
export function mayHaveLanded(err: unknown): boolean {
  return (
    err instanceof TrackerError &&
    (err.kind === 'server' || err.kind === 'network' || err.kind === 'bad-body')
  );
}

export const markerFor = (postmortemId: string, itemId: string): string =>
  `aftermath:${postmortemId}/${itemId}`;

const MARKER = /aftermath:([^\s/<>"'`]+)\/([^\s<>"'`]+?)(?=[\s<>"'`]|$)(?:\s+fp:([0-9a-f]{8,}))?/;

/** The marker (and fingerprint) in a ticket body, as written by `markerLine`. */
export function readMarker(body: string): { marker: string; fingerprint?: string } | undefined {
  const m = MARKER.exec(body);
  if (!m) return undefined;
  const out: { marker: string; fingerprint?: string } = { marker: `aftermath:${m[1]}/${m[2]}` };
  if (m[3]) out.fingerprint = m[3];
  return out;
}

/** The last line of a ticket body: the marker and the fingerprint, hidden in Markdown renderers. */
export const markerLine = (marker: string, fingerprint: string): string =>
  `<!-- ${marker} fp:${fingerprint} -->`;

/** A ticket from what a tracker answered, with the marker and fingerprint read from its body. */
export function ticketFrom(
  fields: {
    ref: string;
    url: string;
    title: string;
    closed: boolean;
    closedAt?: string | null | undefined;
  },
  body: string,
): Ticket {
  const t: Ticket = {
    ref: fields.ref,
    url: fields.url,
    title: fields.title,
    state: fields.closed ? 'closed' : 'open',
  };
  if (fields.closed && fields.closedAt) t.closedAt = fields.closedAt;
  const m = readMarker(body);
  if (m) {
    t.marker = m.marker;
    if (m.fingerprint) t.fingerprint = m.fingerprint;
  }
  return t;
}

/** Status text for the document's status cell. */
export const stateText = (t: Ticket): string => (t.state === 'closed' ? 'done' : 'open');
