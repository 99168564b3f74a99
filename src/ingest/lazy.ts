/** Lazy reading (times and levels only), checked against the full parse at the start of each file. */
import type { LogFormat, ParseContext, ParsedEntry } from './format.js';

// Lazy answers are checked against full ones on this many lines at the start of a file.
const LAZY_CHECKS = 256;

/**
 * The format in lazy mode, checked: for the first lines each lazy answer is compared with the full
 * parse (time, level, whether it is an entry or continues one); on any difference lazy mode ends
 * for the file. A format that keeps state between lines has it put back (LogFormat.saveState)
 * before the full parse, which must see the state the line arrived with, not the lazy parse's.
 */
export function checkedLazy(format: LogFormat, ctx: ParseContext): LogFormat {
  ctx.lazy = true;
  let checks = LAZY_CHECKS;
  return {
    ...format,
    parse(line, c) {
      if (!c.lazy || checks <= 0) return format.parse(line, c);
      checks--;
      const restore = format.saveState?.(c);
      const quick = format.parse(line, c);
      restore?.();
      c.lazy = false;
      const full = format.parse(line, c);
      if (sameReading(quick, full)) c.lazy = true;
      else checks = 0;
      return full;
    },
  };
}

function sameReading(a: ParsedEntry | null, b: ParsedEntry | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    (a.ts === b.ts || (Number.isNaN(a.ts) && Number.isNaN(b.ts))) &&
    (a.level ?? 'info') === (b.level ?? 'info') &&
    (a.continues === true) === (b.continues === true)
  );
}
