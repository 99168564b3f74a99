/** PostgreSQL severity keywords, shared by the stderr and csvlog formats. */
import type { Level } from '../../core/level.js';

export interface PgSeverity {
  level: Level;
  /**
   * For the lines that only add to the entry before them (`DETAIL:`, `STATEMENT:`…): the
   * attribute that carries their text.
   */
  attach?: string;
}

// FATAL ends one session (a refused or killed connection), not the server: it is an error on the
// timeline, and `pgSeverity` keeps the distinction. PANIC takes the whole cluster down: fatal.
export const PG_SEVERITIES: Readonly<Record<string, PgSeverity>> = {
  DEBUG: { level: 'debug' },
  DEBUG1: { level: 'debug' },
  DEBUG2: { level: 'debug' },
  DEBUG3: { level: 'debug' },
  DEBUG4: { level: 'debug' },
  DEBUG5: { level: 'debug' },
  LOG: { level: 'info' },
  INFO: { level: 'info' },
  NOTICE: { level: 'notice' },
  WARNING: { level: 'warn' },
  ERROR: { level: 'error' },
  FATAL: { level: 'error' },
  PANIC: { level: 'fatal' },
  DETAIL: { level: 'info', attach: 'detail' },
  HINT: { level: 'info', attach: 'hint' },
  CONTEXT: { level: 'info', attach: 'context' },
  STATEMENT: { level: 'info', attach: 'statement' },
  QUERY: { level: 'info', attach: 'internalQuery' },
  LOCATION: { level: 'info', attach: 'location' },
};

/** The severity named by `text`, own keys only (so `constructor` is not a severity). */
export function pgSeverity(text: string): PgSeverity | undefined {
  return Object.hasOwn(PG_SEVERITIES, text) ? PG_SEVERITIES[text] : undefined;
}

/** A SQLSTATE code (`57014`, `42P01`, `XX000`) at `i`, or undefined. `00000` (success) is no error. */
export function sqlStateAt(s: string, i: number): string | undefined {
  let digit = false;
  for (let k = i; k < i + 5; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) digit = true;
    else if (!(c >= 65 && c <= 90)) return undefined;
  }
  if (!digit) return undefined;
  const code = s.slice(i, i + 5);
  return code === '00000' ? undefined : code;
}
