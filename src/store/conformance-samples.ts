/** Postmortems written for the store tests and the archive benchmark: full ones, with every part the archive keeps. */
import { parseDocument } from '../document/index.js';
import { recordFromDocument } from './record.js';
import type { PostmortemRecord } from './store.js';

export interface SampleOptions {
  id?: string;
  title?: string;
  status?: string;
  severity?: string;
  services?: string[];
  /** ISO day the incident started (2026-01-DD by default). */
  day?: string;
  /** A word put in the summary, to search for. */
  keyword?: string;
  /** Status cell of action item A1. */
  a1Status?: string;
  /** The ticket cell of A1 (a GitHub issue by default). */
  a1Ticket?: string;
  /** Drop action item A2. */
  withoutA2?: boolean;
  /** Extra paragraphs, for bigger documents. */
  padding?: number;
}

/** A postmortem's Markdown with front matter, timeline, factors and action items. */
export function sampleMarkdown(n: number, o: SampleOptions = {}): string {
  const day = o.day ?? `2026-01-${String((n % 28) + 1).padStart(2, '0')}`;
  const services = o.services ?? [n % 2 ? 'checkout' : 'search', 'payments'];
  const front = [
    '---',
    o.id === '' ? undefined : `id: ${o.id ?? `PM-${String(n).padStart(4, '0')}`}`,
    `title: ${o.title ?? `Checkout latency incident ${n}`}`,
    `status: ${o.status ?? (n % 3 === 0 ? 'draft' : 'published')}`,
    `severity: ${o.severity ?? `SEV${(n % 3) + 1}`}`,
    `services: [${services.join(', ')}]`,
    'authors: [alice]',
    `started: ${day}T10:00:00Z`,
    `detected: ${day}T10:05:00Z`,
    `mitigated: ${day}T10:40:00Z`,
    `resolved: ${day}T11:00:00Z`,
    '---',
  ].filter((l) => l !== undefined);
  const pad = Array.from(
    { length: o.padding ?? 0 },
    (_, i) => `Paragraph ${i} about connection pools, retries and the queue depth we observed.`,
  );
  const rows = [
    `| A1 | Alert on pool saturation above 80% | @alice | ${day} | P1 | detect | ${o.a1Status ?? 'open'} | ${o.a1Ticket ?? `[#${n}](https://github.com/acme/shop/issues/${n})`} |`,
    o.withoutA2
      ? undefined
      : `| A2 | Document the failover runbook | @bob | ${day} | P2 | process | done | OPS-${n} |`,
  ].filter((r) => r !== undefined);
  return [
    ...front,
    '',
    '## Summary',
    '',
    `The checkout service ran out of database connections ${o.keyword ?? 'after a deploy'}.`,
    ...pad.flatMap((p) => ['', p]),
    '',
    '## Timeline',
    '',
    '| Time (UTC) | Event |',
    '| --- | --- |',
    `| ${day} 10:00 | Deploy of checkout v${n} |`,
    `| ${day} 10:05 | Alert: p99 latency above 2 s |`,
    `| ${day} 10:40 | Rolled back |`,
    '',
    '## Contributing factors',
    '',
    '- Pool size left at the default (tools)',
    '- No load test before the release (process)',
    '',
    '## Action items',
    '',
    '| ID | Action | Owner | Due | Priority | Type | Status | Ticket |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** The record the importer would build for sample `n`. */
export function sampleRecord(
  n: number,
  o: SampleOptions = {},
  path = `pm-${n}.md`,
): PostmortemRecord {
  const doc = parseDocument(sampleMarkdown(n, o), { source: path });
  return recordFromDocument(doc, path).record;
}
