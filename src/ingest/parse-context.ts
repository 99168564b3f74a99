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
// Writers that keep a format of their own; lines of any further writer, or under a key longer
// than this, share the keyless choice, so hostile input cannot grow the map.
export const MAX_INNER_KEYS = 256;
const MAX_KEY_LENGTH = 256;

/** How the embedded lines of one writer are read: the votes so far, then the format chosen. */
interface InnerChoice {
  chosen: LogFormat | undefined;
  votes: Map<LogFormat, number>;
}

const newChoice = (): InnerChoice => ({ chosen: undefined, votes: new Map() });

/**
 * A copy of the key that does not hold on to the line it was sliced from (V8 keeps the whole
 * line alive behind a slice: 256 keys could otherwise pin 256 MB).
 */
const ownCopy = (key: string): string => Buffer.from(key, 'utf16le').toString('utf16le');

export function createParseContext(options: ParseContextOptions = {}): ParseContext {
  const years = new YearInference(options.reference ?? new Date());
  const inner = options.innerFormats ?? [];
  const shared = newChoice();
  const byKey = new Map<string, InnerChoice>();
  const choiceFor = (key: string | undefined): InnerChoice => {
    if (key === undefined || key.length > MAX_KEY_LENGTH) return shared;
    let choice = byKey.get(key);
    if (choice === undefined) {
      if (byKey.size >= MAX_INNER_KEYS) return shared;
      choice = newChoice();
      byKey.set(ownCopy(key), choice);
    }
    return choice;
  };
  const ctx: ParseContext = {
    zone: options.zone ?? UTC,
    lazy: false,
    year: (month) => years.yearFor(month),
    state: {},
    parseInner(text: string, key?: string): ParsedEntry | null {
      const choice = choiceFor(key);
      if (choice.chosen) return choice.chosen.parse(text, innerCtx);
      let best: LogFormat | undefined;
      let bestScore = 0;
      for (const f of inner) {
        const score = f.detect([text], innerCtx);
        if (score > bestScore) {
          best = f;
          bestScore = score;
        }
      }
      if (!best) return null;
      const n = (choice.votes.get(best) ?? 0) + 1;
      choice.votes.set(best, n);
      if (n >= INNER_VOTES) choice.chosen = best;
      return best.parse(text, innerCtx);
    },
  };
  // The same context (its zone, state and current lazy flag), marked as reading embedded lines.
  const innerCtx: ParseContext = Object.create(ctx, { embedded: { value: true } }) as ParseContext;
  return ctx;
}
