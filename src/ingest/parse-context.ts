/** The per-file context formats parse in: zone, year inference, scratch state, embedded lines. */
import { YearInference } from '../core/time.js';
import { UTC, type Zone } from '../core/zone.js';
import type { LogFormat, ParseContext, ParsedEntry } from './format.js';

export interface ParseContextOptions {
  zone?: Zone;
  /** When the file was last written (its mtime), for year-less timestamps; default now. */
  reference?: Date;
  /** Formats that may read embedded lines (docker `log`, kubectl). */
  innerFormats?: readonly LogFormat[];
}

// Embedded lines are attributed to one format once this many agree.
const INNER_VOTES = 8;

export function createParseContext(options: ParseContextOptions = {}): ParseContext {
  const years = new YearInference(options.reference ?? new Date());
  const inner = options.innerFormats ?? [];
  let chosen: LogFormat | undefined;
  const votes = new Map<LogFormat, number>();
  const ctx: ParseContext = {
    zone: options.zone ?? UTC,
    year: (month) => years.yearFor(month),
    state: {},
    parseInner(text: string): ParsedEntry | null {
      if (chosen) return chosen.parse(text, ctx);
      let best: LogFormat | undefined;
      let bestScore = 0;
      for (const f of inner) {
        const score = f.detect([text], ctx);
        if (score > bestScore) {
          best = f;
          bestScore = score;
        }
      }
      if (!best) return null;
      const n = (votes.get(best) ?? 0) + 1;
      votes.set(best, n);
      if (n >= INNER_VOTES) chosen = best;
      return best.parse(text, ctx);
    },
  };
  return ctx;
}
