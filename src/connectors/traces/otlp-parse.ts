/**
 * OTLP/JSON trace batches (`ExportTraceServiceRequest`, one per line as the collector's `file`
 * exporter writes them) into spans: resourceSpans → scopeSpans → spans, times in unix nanos
 * (strings, as the JSON mapping writes 64-bit integers), attributes as typed AnyValue lists.
 */
import { keepTag, type Span, type SpanScalar } from './span.js';

type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
  bytesValue?: string;
};
interface KeyValue {
  key?: string;
  value?: AnyValue;
}
interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number | string;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: KeyValue[];
  status?: { code?: number | string; message?: string };
}
interface Batch {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
    /** Before OTLP 1.0 the scope level was called instrumentationLibrarySpans. */
    instrumentationLibrarySpans?: { spans?: OtlpSpan[] }[];
  }[];
}

const KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

/** An AnyValue as a scalar (arrays and maps as JSON text); undefined when empty. */
export function anyValue(v: AnyValue | undefined): SpanScalar | undefined {
  if (!v) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) {
    const n = Number(v.intValue);
    return Number.isSafeInteger(n) ? n : String(v.intValue);
  }
  if (v.doubleValue !== undefined) return Number(v.doubleValue);
  if (v.arrayValue) return JSON.stringify((v.arrayValue.values ?? []).map(anyValue));
  if (v.kvlistValue) {
    const o: Record<string, SpanScalar | undefined> = {};
    for (const kv of v.kvlistValue.values ?? []) if (kv.key) o[kv.key] = anyValue(kv.value);
    return JSON.stringify(o);
  }
  if (v.bytesValue !== undefined) return v.bytesValue;
  return undefined;
}

function attrMap(list: KeyValue[] | undefined): Map<string, SpanScalar> {
  const m = new Map<string, SpanScalar>();
  for (const kv of list ?? []) {
    const v = anyValue(kv.value);
    if (kv.key && v !== undefined) m.set(kv.key, v);
  }
  return m;
}

// Nanoseconds exceed a double's precision: cut to µs in BigInt, then a number is exact.
function nanosToUs(v: string | number | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  try {
    return Number(BigInt(typeof v === 'number' ? Math.trunc(v) : v.trim()) / 1000n);
  } catch {
    return undefined;
  }
}

function isErrorStatus(code: number | string | undefined): boolean {
  return code === 2 || code === '2' || code === 'STATUS_CODE_ERROR';
}

function kindName(kind: number | string | undefined): string | undefined {
  if (typeof kind === 'number') return kind > 0 ? KINDS[kind] : undefined;
  if (typeof kind === 'string' && kind.startsWith('SPAN_KIND_')) {
    const k = kind.slice(10).toLowerCase();
    return k === 'unspecified' ? undefined : k;
  }
  return undefined;
}

/**
 * The spans of one batch; `bad` counts spans without ids or times (skipped). Throws on a value
 * that is not a trace batch at all, so the caller can name the line.
 */
export function otlpSpans(value: unknown): { spans: Span[]; bad: number } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('expected an OTLP/JSON object with resourceSpans');
  }
  const batch = value as Batch;
  const spans: Span[] = [];
  let bad = 0;
  for (const rs of batch.resourceSpans ?? []) {
    const resource = attrMap(rs.resource?.attributes);
    const service = String(resource.get('service.name') ?? 'unknown_service');
    for (const ss of [...(rs.scopeSpans ?? []), ...(rs.instrumentationLibrarySpans ?? [])]) {
      for (const s of ss.spans ?? []) {
        const start = nanosToUs(s.startTimeUnixNano);
        const end = nanosToUs(s.endTimeUnixNano);
        if (start === undefined || !s.traceId || !s.spanId) {
          bad++;
          continue;
        }
        const tags: Record<string, SpanScalar> = {};
        for (const [k, v] of resource) keepTag(tags, k, v);
        const attrs = attrMap(s.attributes);
        for (const [k, v] of attrs) keepTag(tags, k, v);
        const span: Span = {
          startUs: start,
          durationUs: end !== undefined && end >= start ? end - start : 0,
          service,
          operation: s.name ?? '',
          traceId: s.traceId,
          spanId: s.spanId,
          error: isErrorStatus(s.status?.code),
          tags,
        };
        if (s.parentSpanId) span.parentId = s.parentSpanId;
        const kind = kindName(s.kind);
        if (kind) span.spanKind = kind;
        const why = s.status?.message || attrs.get('exception.message');
        if (span.error && why !== undefined && why !== '') span.errorMessage = String(why);
        spans.push(span);
      }
    }
  }
  return { spans, bad };
}
