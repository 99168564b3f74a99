/** The one type for everything a user is told about: parse warnings, gaps, failures. */

export type Severity = 'error' | 'warning' | 'info';

export interface Place {
  /** 1-based. */
  line: number;
  /** 1-based; 1 when the whole line is meant. */
  column: number;
  /** Byte offset from the start of the (decompressed) file. */
  offset?: number;
  end?: { line: number; column: number; offset?: number };
}

export interface Diagnostic {
  /** Stable id, e.g. `ingest/binary-file`; tests assert it, not the text. */
  ruleId: string;
  /** File path, URL or source id the diagnostic is about. */
  source: string;
  severity: Severity;
  message: string;
  place?: Place;
  data?: Record<string, string | number>;
  url?: string;
  cause?: unknown;
}

export function diagnostic(
  ruleId: string,
  source: string,
  severity: Severity,
  message: string,
  extra: Partial<Pick<Diagnostic, 'place' | 'data' | 'url' | 'cause'>> = {},
): Diagnostic {
  return { ruleId, source, severity, message, ...extra };
}

/** `file:line:col severity message (ruleId)`, the form editors and terminals link. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.place ? `${d.source}:${d.place.line}:${d.place.column}` : d.source;
  return `${where} ${d.severity} ${d.message} (${d.ruleId})`;
}
