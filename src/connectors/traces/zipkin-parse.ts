/** Zipkin v2 JSON (`GET /api/v2/traces`: an array of traces, each an array of spans) into spans. */
import { keepTag, type Span, type SpanScalar } from './span.js';

export interface ZipkinSpan {
  traceId?: string;
  id?: string;
  parentId?: string;
  name?: string;
  kind?: string;
  timestamp?: number;
  duration?: number;
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

/** The spans of one trace; spans without ids or a timestamp are skipped. */
export function zipkinSpans(trace: ZipkinSpan[]): Span[] {
  const out: Span[] = [];
  for (const s of trace) {
    if (!s.traceId || !s.id || typeof s.timestamp !== 'number') continue;
    const tags: Record<string, SpanScalar> = {};
    const raw = s.tags ?? {};
    for (const [k, v] of Object.entries(raw)) if (k !== 'error') keepTag(tags, k, v);
    // Zipkin marks a failed span by the presence of the `error` tag; its value is the reason.
    const error = Object.hasOwn(raw, 'error');
    const span: Span = {
      startUs: s.timestamp,
      durationUs: typeof s.duration === 'number' ? s.duration : 0,
      service: s.localEndpoint?.serviceName ?? 'unknown_service',
      operation: s.name ?? '',
      traceId: s.traceId,
      spanId: s.id,
      error,
      tags,
    };
    if (s.parentId) span.parentId = s.parentId;
    if (s.kind) span.spanKind = s.kind.toLowerCase();
    if (error && raw.error) span.errorMessage = raw.error;
    out.push(span);
  }
  return out;
}
