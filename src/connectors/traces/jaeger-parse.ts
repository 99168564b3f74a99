/** Jaeger query's HTTP JSON (`GET /api/traces`) into spans: µs times, typed tags, processes by id. */
import { keepTag, type Span, type SpanScalar } from './span.js';

interface JaegerTag {
  key?: string;
  type?: string;
  value?: unknown;
}
interface JaegerSpan {
  traceID?: string;
  spanID?: string;
  operationName?: string;
  references?: { refType?: string; traceID?: string; spanID?: string }[];
  startTime?: number;
  duration?: number;
  tags?: JaegerTag[];
  processID?: string;
}
export interface JaegerTrace {
  traceID?: string;
  spans?: JaegerSpan[];
  processes?: Record<string, { serviceName?: string; tags?: JaegerTag[] }>;
}
export interface JaegerResponse {
  data?: JaegerTrace[] | null;
  errors?: { code?: number; msg?: string }[] | null;
}

function tagValue(t: JaegerTag): SpanScalar | undefined {
  const v = t.value;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return undefined;
}

/** The spans of one trace; spans without ids or a start are skipped. */
export function jaegerSpans(trace: JaegerTrace): Span[] {
  const out: Span[] = [];
  for (const s of trace.spans ?? []) {
    const traceId = s.traceID ?? trace.traceID;
    if (!traceId || !s.spanID || typeof s.startTime !== 'number') continue;
    const process = s.processID !== undefined ? trace.processes?.[s.processID] : undefined;
    const tags: Record<string, SpanScalar> = {};
    let error = false;
    let errorMessage: string | undefined;
    let spanKind: string | undefined;
    for (const t of process?.tags ?? []) if (t.key) keepTag(tags, t.key, tagValue(t));
    for (const t of s.tags ?? []) {
      const v = tagValue(t);
      if (!t.key || v === undefined) continue;
      if (t.key === 'error') error ||= v === true || v === 'true';
      else if (t.key === 'otel.status_code') error ||= v === 'ERROR';
      else if (t.key === 'otel.status_description' || t.key === 'error.message')
        errorMessage = String(v);
      else if (t.key === 'span.kind') spanKind = String(v);
      else keepTag(tags, t.key, v);
    }
    const parent =
      s.references?.find((r) => r.refType === 'CHILD_OF') ?? s.references?.find((r) => r.spanID);
    const span: Span = {
      startUs: s.startTime,
      durationUs: typeof s.duration === 'number' ? s.duration : 0,
      service: process?.serviceName ?? 'unknown_service',
      operation: s.operationName ?? '',
      traceId,
      spanId: s.spanID,
      error,
      tags,
    };
    if (parent?.spanID) span.parentId = parent.spanID;
    if (spanKind) span.spanKind = spanKind;
    if (error && errorMessage) span.errorMessage = errorMessage;
    out.push(span);
  }
  return out;
}
