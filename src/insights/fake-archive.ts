/**
 * A generated archive whose insights are known exactly (the tests compute them by hand): eight
 * postmortems over January–June 2026, written as Markdown, imported through `recordFromDocument`
 * into a store, with action items closed at chosen times through the status history.
 */
import { parseDocument } from '../document/index.js';
import { recordFromDocument } from '../store/record.js';
import type { ArchivedPostmortem, Store } from '../store/store.js';

/** "Today" for the sample: 2026-06-15 12:00 UTC. */
export const SAMPLE_NOW = Date.UTC(2026, 5, 15, 12);
/** When the sample was archived (a day before `SAMPLE_NOW`). */
export const SAMPLE_ARCHIVED = Date.UTC(2026, 5, 14, 12);

const MIN = 60_000;
const DAY = 86_400_000;

interface Item {
  key: string;
  text: string;
  owner: string;
  due: string;
  status: string;
  /** Closed this long after the resolution, through the archive's status history. */
  closedAfterMs?: number;
}

export interface SampleSpec {
  id: string;
  title: string;
  /** Start, `YYYY-MM-DDTHH:MMZ`; none for an undated postmortem. */
  started?: string;
  /** Minutes after the start; each one optional. */
  detect?: number;
  ack?: number;
  mitigate?: number;
  resolve?: number;
  severity: string;
  services: string[];
  tags: string[];
  status: string;
  reviewers?: string[];
  reviewMeeting?: string;
  /** [category heading or '' for none, text]. */
  factors: [string, string][];
  items: Item[];
}

export const SAMPLE_SPECS: readonly SampleSpec[] = [
  {
    id: 'PM-1',
    title: 'Checkout pool exhaustion',
    started: '2026-01-10T10:00:00Z',
    detect: 10,
    ack: 15,
    mitigate: 40,
    resolve: 60,
    severity: 'SEV2',
    services: ['checkout'],
    tags: ['database'],
    status: 'published',
    factors: [
      ['Tools', 'Connection pool size left at the library default of ten'],
      ['Process', 'No load test before the release'],
    ],
    items: [
      {
        key: 'A1',
        text: 'Raise the pool size',
        owner: '@alice',
        due: '2026-01-20',
        status: 'open',
        closedAfterMs: 2 * DAY,
      },
      {
        key: 'A2',
        text: 'Add a load test to the release checklist',
        owner: '@bob',
        due: '2026-02-01',
        status: 'open',
      },
    ],
  },
  {
    id: 'PM-2',
    title: 'Search DNS failure',
    started: '2026-02-12T08:00:00Z',
    detect: 5,
    ack: 10,
    mitigate: 20,
    resolve: 30,
    severity: 'SEV3',
    services: ['search'],
    tags: ['dns'],
    status: 'published',
    factors: [['Environment', 'DNS resolver cache expired during the provider maintenance window']],
    items: [
      {
        key: 'A1',
        text: 'Pin resolver TTLs',
        owner: '@carol',
        due: '2026-02-20',
        status: 'open',
        closedAfterMs: 4 * DAY,
      },
    ],
  },
  {
    id: 'PM-3',
    title: 'Payments flag rollout',
    started: '2026-03-05T14:00:00Z',
    detect: 20,
    ack: 25,
    mitigate: 90,
    resolve: 120,
    severity: 'SEV1',
    services: ['payments'],
    tags: ['deploy'],
    status: 'published',
    factors: [
      ['Process', 'Feature flag enabled for all regions at once'],
      ['Measurement', 'Dashboard lacked per-region error rates'],
    ],
    items: [
      {
        key: 'A1',
        text: 'Rewrite the flag service',
        owner: '@dan',
        due: '2026-04-01',
        status: "won't do",
      },
      {
        key: 'A2',
        text: 'Per-region error rate panel',
        owner: '@dan',
        due: '2026-07-01',
        status: 'open',
      },
    ],
  },
  {
    id: 'PM-4',
    title: 'Checkout pool exhaustion again',
    started: '2026-04-08T09:00:00Z',
    detect: 8,
    ack: 12,
    mitigate: 30,
    resolve: 45,
    severity: 'SEV2',
    services: ['checkout'],
    tags: ['database'],
    status: 'in-review',
    reviewers: ['carol'],
    factors: [
      ['Tools', 'Connection pool size left at the library default of ten'],
      ['Process', 'No load test before the release'],
    ],
    items: [
      {
        key: 'A1',
        text: 'Alert on pool saturation',
        owner: '@alice',
        due: '2026-05-01',
        status: 'open',
      },
    ],
  },
  {
    id: 'PM-5',
    title: 'Indexer disk full',
    started: '2026-05-03T22:00:00Z',
    detect: 4,
    ack: 6,
    mitigate: 10,
    resolve: 15,
    severity: 'SEV3',
    services: ['search'],
    tags: [],
    status: 'draft',
    factors: [['Tools', 'Disk filled with debug logs on the indexer']],
    items: [
      {
        key: 'A1',
        text: 'Rotate indexer logs',
        owner: '@erin',
        due: '2026-05-10',
        status: 'open',
        closedAfterMs: 1 * DAY,
      },
    ],
  },
  {
    id: 'PM-6',
    title: 'Checkout and payments pool exhaustion',
    started: '2026-06-02T16:00:00Z',
    detect: 6,
    ack: 9,
    mitigate: 20,
    resolve: 40,
    severity: 'SEV1',
    services: ['checkout', 'payments'],
    tags: ['database', 'deploy'],
    status: 'draft',
    reviewMeeting: '2026-06-05',
    factors: [['Tools', 'Connection pool exhausted: pool size default of ten was too small']],
    items: [
      {
        key: 'A1',
        text: 'Size pools from load',
        owner: '@alice',
        due: '2026-06-30',
        status: 'in-progress',
      },
    ],
  },
  {
    id: 'PM-7',
    title: 'Payments slow settlement',
    started: '2026-06-10T07:00:00Z',
    resolve: 50,
    severity: 'SEV2',
    services: ['payments'],
    tags: [],
    status: 'in-review',
    reviewMeeting: '2026-06-20',
    factors: [],
    items: [],
  },
  {
    id: 'PM-8',
    title: 'Search relevance drop',
    severity: 'SEV4',
    services: ['search'],
    tags: [],
    status: 'published',
    factors: [['', 'Unknown cause']],
    items: [],
  },
];

const at = (start: string, minutes: number | undefined): string | undefined =>
  minutes === undefined
    ? undefined
    : new Date(Date.parse(start) + minutes * MIN).toISOString().replace('.000Z', 'Z');

/** The postmortem a spec describes, as a team would write it. */
export function sampleMarkdown(s: SampleSpec): string {
  const t = (field: string, minutes: number | undefined): string[] => {
    const v = s.started ? at(s.started, minutes) : undefined;
    return v ? [`${field}: ${v}`] : [];
  };
  const groups = new Map<string, string[]>();
  for (const [cat, text] of s.factors)
    (groups.get(cat) ?? groups.set(cat, []).get(cat)!).push(text);
  const factors = [...groups].flatMap(([cat, texts]) => [
    ...(cat ? [`### ${cat}`, ''] : []),
    ...texts.map((x) => `- ${x}`),
    '',
  ]);
  return [
    '---',
    `id: ${s.id}`,
    `title: ${s.title}`,
    `status: ${s.status}`,
    `severity: ${s.severity}`,
    `services: [${s.services.join(', ')}]`,
    `tags: [${s.tags.join(', ')}]`,
    ...(s.reviewers ? [`reviewers: [${s.reviewers.join(', ')}]`] : []),
    ...(s.reviewMeeting ? [`review_meeting: ${s.reviewMeeting}`] : []),
    ...(s.started ? [`started: ${s.started}`] : []),
    ...t('detected', s.detect),
    ...t('acknowledged', s.ack),
    ...t('mitigated', s.mitigate),
    ...t('resolved', s.resolve),
    '---',
    '',
    `# ${s.title}`,
    '',
    '## Summary',
    '',
    `${s.title}.`,
    '',
    '## Contributing factors',
    '',
    ...factors,
    '## Action items',
    '',
    '| ID | Action | Owner | Due | Type | Status |',
    '| --- | --- | --- | --- | --- | --- |',
    ...s.items.map(
      (i) => `| ${i.key} | ${i.text} | ${i.owner} | ${i.due} | prevent | ${i.status} |`,
    ),
    '',
  ].join('\n');
}

/** Imports the sample into the store and closes the items the specs close, at their times. */
export async function loadSample(
  store: Store,
  specs: readonly SampleSpec[] = SAMPLE_SPECS,
): Promise<void> {
  for (const s of specs) {
    const path = `postmortems/${s.id}.md`;
    const { record } = recordFromDocument(parseDocument(sampleMarkdown(s), { source: path }), path);
    await store.upsert(record);
  }
  for (const s of specs)
    for (const i of s.items)
      if (i.closedAfterMs !== undefined && s.started && s.resolve !== undefined)
        await store.setActionStatus(s.id, i.key, 'done', {
          origin: 'tracker',
          at: Date.parse(s.started) + s.resolve * MIN + i.closedAfterMs,
        });
}

export async function exportAll(store: Store): Promise<ArchivedPostmortem[]> {
  const all: ArchivedPostmortem[] = [];
  for await (const pm of store.export()) all.push(pm);
  return all;
}
