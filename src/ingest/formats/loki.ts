/** Loki snapshot records `{"ts":"<ns>","labels":{…},"line":"…"}`: the inner line parsed with its own format. */
import type { Attrs } from '../../core/event.js';
import { parseLevel } from '../../core/level.js';
import { detectByParse, type LogFormat, type ParseContext } from '../format.js';
import { embeddingFormat, parseRecordLine, type EmbeddingRecord } from './json-embedded.js';

// Labels (promtail, Alloy, Loki's OTLP ingestion) that name event attributes.
const LABELS: Record<string, string> = {
  pod: 'pod',
  pod_name: 'pod',
  k8s_pod_name: 'pod',
  namespace: 'namespace',
  k8s_namespace_name: 'namespace',
  container: 'container',
  container_name: 'container',
  k8s_container_name: 'container',
  host: 'host',
  hostname: 'host',
  host_name: 'host',
  service_name: 'service',
  unit: 'unit',
  stream: 'stream',
};
const MAX_LABELS = 32;
const NS = /^\d{1,20}$/;
const OPENING = '{"ts":"';

/** Epoch nanoseconds as ms with the fraction kept to what a double holds (about 0.25 µs). */
function nsToMs(ns: string): number {
  if (ns.length <= 6) return Number(ns) / 1e6;
  return Number(ns.slice(0, -6)) + Number(ns.slice(-6)) / 1e6;
}

/** Writers whose lines share one format: the replicas of a container or app. */
function formatKey(labels: Record<string, string>, key: string): string {
  const who = labels.container ?? labels.app ?? labels.service_name;
  return who === undefined ? key : `${labels.job ?? ''}/${who}`;
}

function readRecord(line: string, _ctx: ParseContext): EmbeddingRecord | undefined {
  const value = parseRecordLine(line, OPENING);
  if (value === undefined) return undefined;
  const r = value as { ts?: unknown; labels?: unknown; line?: unknown; truncated?: unknown };
  if (typeof r.ts !== 'string' || !NS.test(r.ts) || typeof r.line !== 'string') return undefined;
  const labels: Record<string, string> = {};
  const attrs: Attrs = {};
  let key = '';
  if (typeof r.labels === 'object' && r.labels !== null && !Array.isArray(r.labels)) {
    let n = 0;
    for (const [k, v] of Object.entries(r.labels as Record<string, unknown>)) {
      if (typeof v !== 'string') continue;
      labels[k] = v;
      key += `${k}=${v},`;
      if (n++ < MAX_LABELS) attrs[LABELS[k] ?? k] ??= v;
    }
  }
  if (typeof r.truncated === 'number') attrs.truncatedChars = r.truncated;
  let end = r.line.length;
  while (end > 0 && (r.line.charCodeAt(end - 1) === 10 || r.line.charCodeAt(end - 1) === 13)) end--;
  return {
    outer: {
      ts: nsToMs(r.ts),
      tsText: r.ts,
      zoned: true,
      attrs,
      key,
      formatKey: formatKey(labels, key),
    },
    text: end === r.line.length ? r.line : r.line.slice(0, end),
    partial: false,
  };
}

const embedded = embeddingFormat(readRecord);

export const loki: LogFormat = {
  id: 'loki',
  description:
    'Grafana Loki entries as `aftermath collect` snapshots them; each line parsed with its own format',
  multiline: false,
  detect: (sample, ctx) => detectByParse(embedded.shape, sample, ctx, 1),
  parse(line, ctx) {
    const e = embedded.parse(line, ctx);
    // A plain line has no level of its own; the stream's level label (or Loki's detected_level) does.
    if (e !== null && e.continues !== true && e.level === 'info' && e.attrs !== undefined) {
      const label = e.attrs.level ?? e.attrs.detected_level;
      const level = typeof label === 'string' ? parseLevel(label) : undefined;
      if (level !== undefined) e.level = level;
    }
    return e;
  },
};
