/**
 * Finds the messages of a mined template again, without mining: a RegExp over the raw message
 * rejects most messages cheaply, then the miner's own tokenizer settles the rest, so a message
 * matches exactly when the miner could have put it in that template's cluster.
 */
import { hashString } from './hash.js';
import { WILDCARD } from './sink.js';
import { Tokens, WILDCARD_HASH } from './tokenize.js';

/** The whitespace the tokenizer splits on (ASCII only: U+00A0 and the like are part of words). */
const WS = '[\\t\\n\\v\\f\\r ]';
const NON_WS = '[^\\t\\n\\v\\f\\r ]';
/** Longer templates are refused: no mined template is (messages are cut long before). */
export const MAX_TEMPLATE_LENGTH = 4000;

export interface TemplateMatcher {
  /** The template's tokens, as the miner joined them. */
  readonly tokens: readonly string[];
  /** Anchored to the whole message; a necessary condition, cheap to test. */
  readonly regex: RegExp;
  /** Whether the message belongs to the template, token for token. */
  test(message: string): boolean;
}

const escape = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

type Part = { wild: true } | { wild: false; re: string };

/**
 * The template as parts: literal text, whitespace runs and wildcards. A `<*>` may stand for more
 * than one raw token (the tokenizer folds a written date, a unit after a number, and a run of one
 * masked value into one), so a wildcard is any text that starts with a non-space character.
 */
function partsOf(tokens: readonly string[]): Part[] {
  const parts: Part[] = [];
  tokens.forEach((token, t) => {
    if (t > 0) parts.push({ wild: false, re: `${WS}+` });
    token.split(WILDCARD).forEach((lit, k) => {
      if (k > 0) parts.push({ wild: true });
      if (lit !== '') parts.push({ wild: false, re: escape(lit) });
    });
  });
  return parts;
}

/**
 * Each wildcard with the literal run after it is one atomic step, `(?=(…))\N`: the earliest place
 * the run fits is taken and never revisited. With wildcards that match any text, the earliest
 * place is always a safe choice, and committing to it keeps the match linear in the message:
 * plain lazy wildcards backtrack polynomially on hostile lines.
 */
function regexOf(parts: Part[]): RegExp {
  let re = `^${WS}*`;
  let group = 0;
  let i = 0;
  while (i < parts.length && !parts[i]!.wild) re += (parts[i++] as { re: string }).re;
  while (i < parts.length) {
    i++; // the wildcard
    let run = '';
    while (i < parts.length && !parts[i]!.wild) run += (parts[i++] as { re: string }).re;
    if (i >= parts.length) {
      re += `${NON_WS}[^]*?${run}`;
      break;
    }
    // The next wildcard starts on a non-space character too: part of the place chosen.
    re += `(?=(${NON_WS}[^]*?${run}(?=${NON_WS})))\\${++group}`;
  }
  return new RegExp(`${re}${WS}*$`);
}

/**
 * Compiles a template (tokens joined by spaces, `<*>` for variable parts) once; returns a
 * one-line reason instead when it cannot be one.
 *
 * @example compileTemplate('Took <*> for user=<*>').test('Took 12ms for user=42') // true
 */
export function compileTemplate(template: string): TemplateMatcher | string {
  if (template.length > MAX_TEMPLATE_LENGTH)
    return `template must be at most ${MAX_TEMPLATE_LENGTH} characters, got ${template.length}`;
  const tokens = template.split(/[\t\n\v\f\r ]+/).filter((t) => t !== '');
  if (tokens.length === 0) return 'template must have at least one token, got only whitespace';
  const regex = regexOf(partsOf(tokens));
  const hashes = Int32Array.from(tokens, (t) => (t === WILDCARD ? WILDCARD_HASH : hashString(t)));
  const scanned = new Tokens();
  return {
    tokens,
    regex,
    test(message) {
      if (!regex.test(message)) return false;
      // The miner's test (MutableCluster.fits): same token count, each token equal or generalised.
      const m = scanned.scan(message);
      if (m.length !== hashes.length) return false;
      for (let i = 0; i < hashes.length; i++)
        if (hashes[i] !== WILDCARD_HASH && hashes[i] !== m.hash[i]) return false;
      return true;
    },
  };
}
