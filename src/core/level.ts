/** Severity levels, normalised across formats, from least to most severe. */
export const LEVELS = [
  'trace',
  'debug',
  'info',
  'notice',
  'warn',
  'error',
  'critical',
  'fatal',
] as const;
export type Level = (typeof LEVELS)[number];

const RANK: Record<Level, number> = {
  trace: 0,
  debug: 1,
  info: 2,
  notice: 3,
  warn: 4,
  error: 5,
  critical: 6,
  fatal: 7,
};

export function levelRank(level: Level): number {
  return RANK[level];
}

export function isLevel(value: string): value is Level {
  return Object.hasOwn(RANK, value);
}

// Every spelling the supported formats use; keys are lower case.
const NAMES: Record<string, Level> = {
  trace: 'trace',
  trc: 'trace',
  finest: 'trace',
  finer: 'trace',
  verbose: 'trace',
  debug: 'debug',
  dbg: 'debug',
  debug1: 'debug',
  debug2: 'debug',
  debug3: 'debug',
  debug4: 'debug',
  debug5: 'debug',
  fine: 'debug',
  config: 'debug',
  info: 'info',
  inf: 'info',
  information: 'info',
  informational: 'info',
  log: 'info',
  statement: 'info',
  detail: 'info',
  hint: 'info',
  context: 'info',
  notice: 'notice',
  warn: 'warn',
  warning: 'warn',
  wrn: 'warn',
  error: 'error',
  err: 'error',
  eror: 'error',
  severe: 'error',
  crit: 'critical',
  critical: 'critical',
  alert: 'critical',
  emerg: 'fatal',
  emergency: 'fatal',
  fatal: 'fatal',
  panic: 'fatal',
  ftl: 'fatal',
};

/** Normalises a level name (`WARNING`, `err`, `E`…) to a {@link Level}; undefined when unknown. */
export function parseLevel(text: string | undefined): Level | undefined {
  if (text === undefined || text.length === 0) return undefined;
  const direct = NAMES[text];
  if (direct !== undefined) return direct;
  const lower = text.toLowerCase();
  const named = NAMES[lower];
  if (named !== undefined) return named;
  if (lower.length === 1) return LETTER[lower];
  return undefined;
}

// glog/klog and Android style single-letter levels.
const LETTER: Record<string, Level> = {
  v: 'trace',
  t: 'trace',
  d: 'debug',
  i: 'info',
  n: 'notice',
  w: 'warn',
  e: 'error',
  c: 'critical',
  f: 'fatal',
};

/** Syslog severity 0 (emerg) … 7 (debug), as in RFC 5424 PRI and journald PRIORITY. */
export function levelFromSyslogSeverity(severity: number): Level {
  switch (severity) {
    case 0:
      return 'fatal';
    case 1:
    case 2:
      return 'critical';
    case 3:
      return 'error';
    case 4:
      return 'warn';
    case 5:
      return 'notice';
    case 6:
      return 'info';
    default:
      return 'debug';
  }
}

/** pino / bunyan numeric levels (10 trace … 60 fatal). */
export function levelFromNumber(n: number): Level | undefined {
  if (!Number.isFinite(n)) return undefined;
  if (n >= 60) return 'fatal';
  if (n >= 50) return 'error';
  if (n >= 40) return 'warn';
  if (n >= 30) return 'info';
  if (n >= 20) return 'debug';
  if (n >= 10) return 'trace';
  return undefined;
}

/** HTTP status to level: 5xx error, 4xx warn, the rest info. */
export function levelFromHttpStatus(status: number): Level {
  if (status >= 500) return 'error';
  if (status >= 400) return 'warn';
  return 'info';
}
