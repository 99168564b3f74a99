/** Well-known field names of structured logs (JSON, logfmt) and the event fields they feed. */

/**
 * What a field is for. `rank` orders competing keys of one role (lower wins): the first present
 * of `time`, `timestamp`, `ts`… is the time, whatever order the writer put them in.
 */
export type FieldRole =
  | { kind: 'time'; rank: number }
  | { kind: 'level'; rank: number }
  | { kind: 'severityNumber'; rank: number }
  | { kind: 'message'; rank: number }
  | { kind: 'error'; rank: number }
  /** A string attribute of the event model. */
  | { kind: 'str'; target: string }
  /** A whole number: pid, bytes, HTTP status. */
  | { kind: 'int'; target: string }
  /** A duration whose key says milliseconds. */
  | { kind: 'ms'; target: string }
  /** A duration whose key says seconds. */
  | { kind: 'sec'; target: string }
  /** A duration in nanoseconds (ECS `event.duration`). */
  | { kind: 'ns'; target: string }
  /** A duration read only when it carries its unit (`1.5s`, `250ms`): a bare number is ambiguous. */
  | { kind: 'dur'; target: string };

const ROLES = new Map<string, FieldRole>();

function ranked(
  kind: 'time' | 'level' | 'severityNumber' | 'message' | 'error',
  keys: string[],
): void {
  keys.forEach((key, rank) => ROLES.set(key, { kind, rank }));
}

function mapped(
  kind: 'str' | 'int' | 'ms' | 'sec' | 'ns' | 'dur',
  target: string,
  keys: string[],
): void {
  for (const key of keys) ROLES.set(key, { kind, target });
}

ranked('time', [
  'time',
  'timestamp',
  'ts',
  '@timestamp',
  't',
  'datetime',
  'date',
  'timeUnixNano',
  'observedTimeUnixNano',
  'started_at',
  'eventTime',
  '@t', // Serilog compact (CLEF)
  't.$date', // MongoDB 4.4+
  'time_iso8601', // nginx JSON log_format
  'time_local',
  'asctime', // python-json-logger
  'timeMillis', // log4j2 JsonLayout
]);
ranked('level', [
  'level',
  'severity',
  'lvl',
  'loglevel',
  'log.level',
  'severityText',
  'levelname',
  'level_name',
  '@l',
  '@fields.level', // old logstash
  '@fields.lvl',
  'at', // Heroku router and friends: at=info / at=error
  's', // MongoDB, read only next to t.$date
]);
// OTel severityNumber ranks after every text level.
ROLES.set('severityNumber', { kind: 'severityNumber', rank: 100 });
ranked('message', [
  'msg',
  'message',
  '@message',
  '@m',
  'body',
  'body.stringValue',
  'log',
  'fields.message', // rust tracing
  'textPayload',
  'jsonPayload.message',
  'short_message', // GELF
  '@mt',
  '@fields.message', // old logstash
  '@fields.msg',
  'event', // structlog
]);
ranked('error', [
  'err.message',
  'error.message',
  'error',
  'err',
  'exception',
  'exception.message',
  '@x',
  'exc_info',
]);

mapped('str', 'host', ['hostname', 'host', 'host.name', 'host.hostname']);
mapped('int', 'pid', ['pid', 'process.pid']);
mapped('str', 'requestId', [
  'req.id',
  'request_id',
  'requestId',
  'reqId',
  'req_id',
  'x-request-id',
  'request.id',
  'http.request.id',
]);
mapped('str', 'traceId', ['trace_id', 'traceId', 'trace.id', 'traceid', 'dd.trace_id']);
mapped('str', 'spanId', ['span_id', 'spanId', 'span.id', 'dd.span_id']);
mapped('str', 'method', [
  'req.method',
  'method',
  'http.method',
  'request.method',
  'http.request.method',
  'request_method',
]);
mapped('str', 'path', [
  'req.url',
  'url',
  'path',
  'http.target',
  'request.uri',
  'request.url',
  'url.path',
  'request_uri',
  'uri',
]);
mapped('int', 'status', [
  'res.statusCode',
  'status',
  'statusCode',
  'status_code',
  'http.status_code',
  'response.status',
  'response.status_code',
  'res.status',
  'http.response.status_code',
]);
mapped('ms', 'latencyMs', [
  'responseTime', // pino-http
  'response_time_ms',
  'duration_ms',
  'latency_ms',
  'elapsed_ms',
  'took_ms',
  'time_ms', // Grafana
  'latencyMs',
]);
mapped('sec', 'latencyMs', [
  'request_time', // nginx
  'duration_s',
  'duration_seconds',
  'latency_s',
  'latency_seconds',
  'elapsed_s',
]);
mapped('ns', 'latencyMs', ['event.duration']);
mapped('dur', 'latencyMs', ['latency', 'duration', 'elapsed', 'took', 'response_time']);
mapped('sec', 'upstreamLatencyMs', ['upstream_response_time']);
mapped('ms', 'upstreamLatencyMs', ['upstreamLatencyMs']);
mapped('ms', 'durationMs', ['durationMs']);
mapped('str', 'clientIp', [
  'remoteAddress',
  'client_ip',
  'remote_addr',
  'remote_ip',
  'clientIp',
  'remoteAddr',
  'client.ip',
  'client.address',
  'req.remoteAddress',
  'http.client_ip',
  'source.ip',
]);
mapped('str', 'userAgent', [
  'user_agent',
  'userAgent',
  'http.user_agent',
  'user_agent.original',
  'http_user_agent',
  'req.headers.user-agent',
]);
mapped('str', 'referrer', ['referrer', 'referer', 'http_referer']);
mapped('int', 'bytes', ['bytes', 'body_bytes_sent']);
mapped('str', 'pod', [
  'pod',
  'pod_name',
  'k8s.pod.name',
  'kubernetes.pod_name',
  'kubernetes.pod.name',
]);
mapped('str', 'namespace', [
  'namespace',
  'k8s.namespace.name',
  'kubernetes.namespace_name',
  'kubernetes.namespace',
]);
mapped('str', 'container', [
  'container',
  'container_name',
  'k8s.container.name',
  'kubernetes.container_name',
]);
mapped('str', 'service', ['service', 'service.name', 'service_name']);
mapped('str', 'version', ['version', 'service.version']);
// The event model's own names keep their types whatever the writer sent (`"pid":"184"`).
for (const name of [
  'unit',
  'program',
  'stream',
  'protocol',
  'user',
  'database',
  'statement',
  'sqlState',
  'facility',
  'killedProcess',
  'sha',
  'author',
]) {
  if (!ROLES.has(name)) ROLES.set(name, { kind: 'str', target: name });
}
mapped('int', 'killedPid', ['killedPid']);
mapped('int', 'memoryKb', ['memoryKb']);

/** The role of a (dotted) key; undefined for an ordinary attribute. */
export function fieldRole(key: string): FieldRole | undefined {
  return ROLES.get(key);
}

/** Top-level keys whose object value means the entry reports an error. */
export const ERROR_OBJECT_KEYS: ReadonlySet<string> = new Set(['err', 'error', 'exception']);
