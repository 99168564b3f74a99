/** One span from any tracer (OTLP, Jaeger, Zipkin) and the JSON line the `json` ingest format reads for it. */

export type SpanScalar = string | number | boolean;

export interface Span {
  /** Start, µs since the epoch (whole µs: OTLP's ns are cut, Jaeger and Zipkin speak µs). */
  startUs: number;
  durationUs: number;
  service: string;
  operation: string;
  traceId: string;
  spanId: string;
  parentId?: string;
  error: boolean;
  /** Why it failed, where the tracer says (OTLP status.message, an `error.message` tag). */
  errorMessage?: string;
  /** server, client, producer, consumer, internal. */
  spanKind?: string;
  /** A few tags worth keeping: HTTP method, route, status, DB system, peer. */
  tags: Record<string, SpanScalar>;
}

// Tags copied into the event under keys the json format already maps (method, path, status…);
// others become plain attributes. Old and current OpenTelemetry semantic conventions both appear.
const KEPT_TAGS = new Map<string, string>([
  ['http.method', 'http.method'],
  ['http.request.method', 'http.method'],
  ['http.status_code', 'http.status_code'],
  ['http.response.status_code', 'http.status_code'],
  ['http.route', 'http.route'],
  ['http.target', 'http.target'],
  ['url.path', 'http.target'],
  ['http.url', 'http.url'],
  ['url.full', 'http.url'],
  ['db.system', 'db.system'],
  ['rpc.method', 'rpc.method'],
  ['peer.service', 'peer.service'],
  ['net.peer.name', 'peer.host'],
  ['server.address', 'peer.host'],
  ['k8s.pod.name', 'k8s.pod.name'],
  ['host.name', 'host.name'],
]);

/** Keeps the tags the event model uses, under one spelling, ignoring the rest. */
export function keepTag(tags: Record<string, SpanScalar>, key: string, value: unknown): void {
  const to = KEPT_TAGS.get(key);
  if (to === undefined || tags[to] !== undefined) return;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    tags[to] = to === 'http.status_code' && typeof value === 'string' ? Number(value) : value;
  }
}

/** µs since the epoch as ISO 8601 with six fractional digits: the json format keeps them. */
export function isoMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  const rest = Math.round(us - ms * 1000);
  return new Date(ms).toISOString().replace('Z', `${String(rest).padStart(3, '0')}Z`);
}

function durationText(ms: number): string {
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${Math.round(ms * 100) / 100} ms`;
}

/**
 * The line for one span, e.g. `shop-api GET /orders 1532 ms ERROR` at the span's start, level error
 * for an error span; keys read by the json format: service, duration_ms (latency), trace_id,
 * span_id, http.status_code (status), http.method, http.target.
 */
export function spanRecord(s: Span): Record<string, SpanScalar> {
  const ms = Math.round(s.durationUs) / 1000;
  const status = s.error ? 'error' : 'ok';
  const rec: Record<string, SpanScalar> = {
    time: isoMicros(s.startUs),
    level: s.error ? 'error' : 'info',
    msg: `${s.service} ${s.operation} ${durationText(ms)}${s.error ? ' ERROR' : ''}`,
    kind: 'span',
    service: s.service,
    operation: s.operation,
    duration_ms: ms,
    span_status: status,
    trace_id: s.traceId,
    span_id: s.spanId,
  };
  if (s.parentId) rec.parent_span_id = s.parentId;
  if (s.spanKind) rec.span_kind = s.spanKind;
  if (s.errorMessage) rec['error.message'] = s.errorMessage;
  for (const [k, v] of Object.entries(s.tags)) rec[k] = v;
  return rec;
}

/** Whether a span starts inside the window (UTC ms, since inclusive, until exclusive). */
export function inWindow(s: Span, w: { since: number; until: number }): boolean {
  return s.startUs >= w.since * 1000 && s.startUs < w.until * 1000;
}

/** Identity of a span across overlapping queries; Zipkin's shared client/server spans differ in kind. */
export function spanKey(s: Span): string {
  return `${s.traceId}/${s.spanId}/${s.spanKind ?? ''}`;
}
