/** Whether a piece of text makes a person's action the cause: for the last of five whys and root causes. */
import { findBlame } from '../text/blame.js';
import type { People } from '../text/people.js';
import { words } from '../text/words.js';

const HUMAN_ERROR =
  /\b(?:human|operator|user|engineer|personnel|manual|pilot|people|staff)[\s-]+(?:error|errors|mistake|mistakes)\b/i;

/** "Human error" and the like, unless the text says it is not one ("not human error", "rather than"). */
export function mentionsHumanError(text: string): RegExpExecArray | null {
  const m = HUMAN_ERROR.exec(text);
  if (!m) return null;
  const before = text.slice(Math.max(0, m.index - 40), m.index).toLowerCase();
  if (
    /\b(?:not|never|no|rather than|instead of|beyond|past|than|isn't|wasn't|without|avoid|blaming)\b[^.;]*$/.test(
      before,
    )
  )
    return null;
  return m;
}

const BETWEEN = new Set(
  'then also just simply had has was were accidentally mistakenly'.split(' '),
);
const IRREGULAR = new Set(
  (
    "ran made did didn't was wasn't had hadn't forgot put set sent wrote took gave got left went " +
    'hit chose thought misread misunderstood misjudged overlooked missed ignored broke'
  ).split(' '),
);

/** A person as the subject of a verb ("the engineer ran", "Alice deployed"), or blame, or human error. */
export function isPersonAction(text: string, people: People): boolean {
  if (mentionsHumanError(text)) return true;
  if (findBlame(text, people).length > 0) return true;
  const ws = words(text);
  for (let k = 0; k < ws.length; k++) {
    const s = people.subjectEndingAt(ws, k);
    if (s < 0) continue;
    let v = k + 1;
    while (v < ws.length && BETWEEN.has(ws[v]!.lower) && v - k < 3) v++;
    const verb = ws[v];
    if (verb && (IRREGULAR.has(verb.lower) || /^[a-z]{3,}(?:ed|ing)$/.test(verb.lower)))
      return true;
  }
  return false;
}
