/** The registry of log formats, in detection tie-break order (most specific first). */
import type { LogFormat } from '../format.js';
import { access } from './access.js';

export const FORMATS: readonly LogFormat[] = [access];

const BY_NAME = new Map<string, LogFormat>();
for (const f of FORMATS) {
  BY_NAME.set(f.id, f);
  for (const alias of f.aliases ?? []) BY_NAME.set(alias, f);
}

/** A format by id or alias. */
export function formatById(name: string): LogFormat | undefined {
  return BY_NAME.get(name);
}
