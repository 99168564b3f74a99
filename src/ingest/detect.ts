/** Format detection: every registered format scores a sample of the file; the best one wins. */
import type { LogFormat, ParseContext } from './format.js';
import { FORMATS } from './formats/index.js';

export interface Detection {
  format: LogFormat | undefined;
  /** 0..1 */
  confidence: number;
  /** Next best, for the `sources` report when the choice was close. */
  runnerUp?: { format: LogFormat; confidence: number };
}

/** Below this a format is not trusted to read the file. */
export const MIN_CONFIDENCE = 0.2;

/** Picks the format for a sample of lines; ties go to the format registered first (more specific). */
export function detectFormat(
  sample: readonly string[],
  ctx: ParseContext,
  formats: readonly LogFormat[] = FORMATS,
): Detection {
  const scored: { format: LogFormat; confidence: number }[] = [];
  for (const format of formats) {
    let confidence = 0;
    try {
      confidence = format.detect(sample, ctx);
    } catch {
      confidence = 0;
    }
    // Detectors may touch ctx.state; each starts clean.
    for (const k of Object.keys(ctx.state)) delete ctx.state[k];
    if (confidence > 0) scored.push({ format, confidence });
  }
  // Stable sort keeps registry order on ties.
  scored.sort((a, b) => b.confidence - a.confidence);
  const best = scored[0];
  if (best === undefined || best.confidence < MIN_CONFIDENCE) {
    return best
      ? { format: undefined, confidence: 0, runnerUp: best }
      : { format: undefined, confidence: 0 };
  }
  const second = scored[1];
  return second
    ? { format: best.format, confidence: best.confidence, runnerUp: second }
    : { format: best.format, confidence: best.confidence };
}
