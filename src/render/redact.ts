/**
 * Secrets out of text before it reaches a report: log lines carry whatever a client sent, tokens
 * and passwords included. Every pattern is built so the regular-expression engine cannot backtrack
 * catastrophically on hostile input: a match may only start where a run of its characters starts
 * (a lookbehind on the same class), and every repetition is bounded.
 */

export const REDACTED = '[REDACTED]';

export interface RedactRule {
  id: string;
  description: string;
  /** On unless the caller picks rules. */
  byDefault: boolean;
  apply(text: string): string;
}

const NOT_REDACTED = '(?!\\[REDACTED\\])';

function regexRule(
  id: string,
  description: string,
  pattern: RegExp,
  replacement: string | ((match: string, ...groups: string[]) => string),
  byDefault = true,
): RedactRule {
  return {
    id,
    description,
    byDefault,
    apply: (text) =>
      // `replace` with a string or a function: the overloads do not take the union.
      typeof replacement === 'string'
        ? text.replace(pattern, replacement)
        : text.replace(pattern, replacement),
  };
}

const KEY_NAMES = [
  'api[_-]?key',
  'apikey',
  'access[_-]?key(?:[_-]?id)?',
  'secret[_-]?(?:access[_-]?)?key',
  'client[_-]?secret',
  'private[_-]?key',
  'auth[_-]?token',
  'access[_-]?token',
  'refresh[_-]?token',
  'session[_-]?(?:id|token)',
  'secret',
  'token',
  'password',
  'passwd',
  'pwd',
].join('|');

/**
 * PEM and PGP private key blocks, found with indexOf rather than a lazy `[\s\S]*?`, which would
 * rescan the rest of the text for every BEGIN without an END. A block without its END line (a log
 * line cut short, or `\n` written as two characters) is redacted as far as its base64 runs.
 */
function redactPrivateKeys(text: string): string {
  const begin = /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/y;
  const end = /-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
  const body = /(?:[A-Za-z0-9+/=\s:-]|\\[nr])*/y;
  let out = '';
  let from = 0;
  let noEndAfter = Infinity;
  for (let at = text.indexOf('-----BEGIN', 0); at !== -1;) {
    begin.lastIndex = at;
    if (!begin.test(text)) {
      at = text.indexOf('-----BEGIN', at + 1);
      continue;
    }
    let stop = -1;
    if (begin.lastIndex < noEndAfter) {
      end.lastIndex = begin.lastIndex;
      const m = end.exec(text);
      if (m) stop = m.index + m[0].length;
      else noEndAfter = begin.lastIndex;
    }
    if (stop === -1) {
      body.lastIndex = begin.lastIndex;
      body.test(text);
      stop = body.lastIndex;
    }
    out +=
      text.slice(from, at) + `-----BEGIN PRIVATE KEY----- ${REDACTED} -----END PRIVATE KEY-----`;
    from = stop;
    at = text.indexOf('-----BEGIN', stop);
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Every rule aftermath knows, in the order they run (the more specific first). */
export const REDACT_RULES: readonly RedactRule[] = [
  {
    id: 'private-key',
    description: 'PEM and PGP private key blocks',
    byDefault: true,
    apply: redactPrivateKeys,
  },
  regexRule(
    'url-password',
    'passwords in URLs (scheme://user:password@host)',
    /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/)([^\s:/@?#]{0,256}):(?!\[REDACTED\]@)[^\s/@?#]{1,256}@/g,
    `$1$2:${REDACTED}@`,
  ),
  regexRule(
    'authorization',
    'Authorization header values',
    new RegExp(
      `(?<![A-Za-z0-9_-])((?:proxy-)?authorization["']?\\s{0,8}[:=]\\s{0,8}["']?)` +
        `(?:(basic|bearer|digest|negotiate|token|apikey)\\s{1,8}${NOT_REDACTED}[^\\s"',;]{1,4096}|${NOT_REDACTED}[^\\s"',;]{16,4096})`,
      'gi',
    ),
    (_m, head: string, scheme: string | undefined) =>
      `${head}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  ),
  regexRule(
    'bearer',
    'bearer tokens (a digit in them, or 20 characters at least)',
    /(?<![A-Za-z0-9_-])(bearer\s{1,8})(?=[A-Za-z0-9._~+/=-]{0,4095}[0-9]|[A-Za-z0-9._~+/=-]{20})[A-Za-z0-9._~+/=-]{8,4096}/gi,
    `$1${REDACTED}`,
  ),
  regexRule(
    'jwt',
    'JSON Web Tokens',
    /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,8192}\.eyJ[A-Za-z0-9_-]{4,8192}\.[A-Za-z0-9_-]{0,8192}/g,
    REDACTED,
  ),
  regexRule(
    'api-key',
    'API keys with a known prefix: sk-, sk_live_, ghp_ and the other GitHub tokens, xox?- (Slack)',
    /(?<![A-Za-z0-9_-])(?:sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,512}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,255}|gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{30,255}|xox[abposr]-[A-Za-z0-9-]{10,255})/g,
    REDACTED,
  ),
  regexRule(
    'aws-access-key',
    'AWS access key ids (AKIA…, ASIA…)',
    /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
    REDACTED,
  ),
  regexRule(
    'key-value',
    'values of keys named like secrets: api_key=, password:, "token": "…", X-Api-Key:',
    new RegExp(
      `(?<![A-Za-z0-9_.-])((?:[A-Za-z0-9]{1,32}[_.-]){0,3}(?:${KEY_NAMES})["']?\\s{0,8}[:=]\\s{0,8}["']?)` +
        `${NOT_REDACTED}[^\\s"'&,;}]{1,4096}`,
      'gi',
    ),
    `$1${REDACTED}`,
  ),
  regexRule(
    'email',
    'e-mail addresses (the domain is kept)',
    /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@((?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,63})(?![A-Za-z0-9-])/g,
    `${REDACTED}@$1`,
    false,
  ),
];

export interface RedactOptions {
  /** Rule ids to run; `default` stands for every rule on by default, `all` for every rule. */
  rules?: readonly string[];
  /** More patterns (regular-expression source or RegExp); each whole match is redacted. */
  extra?: readonly (string | RegExp)[];
}

export type Redactor = (text: string) => string;

/** Rule ids a caller may name, with the two group names. */
export function redactRuleIds(): string[] {
  return ['default', 'all', ...REDACT_RULES.map((r) => r.id)];
}

/**
 * A function that redacts secrets from a string; throws on an unknown rule id or a bad pattern.
 *
 * @example
 * const redact = makeRedactor({ rules: ['default', 'email'] });
 * redact('GET /?api_key=abc123 by ann@example.com'); // 'GET /?api_key=[REDACTED] by [REDACTED]@example.com'
 */
export function makeRedactor(options: RedactOptions = {}): Redactor {
  const wanted = new Set(options.rules ?? ['default']);
  for (const id of wanted)
    if (!redactRuleIds().includes(id))
      throw new Error(
        `unknown redaction rule "${id}"; expected one of ${redactRuleIds().join(', ')}`,
      );
  const rules = REDACT_RULES.filter(
    (r) => wanted.has('all') || wanted.has(r.id) || (r.byDefault && wanted.has('default')),
  );
  const extra = (options.extra ?? []).map((p) => {
    const re = typeof p === 'string' ? new RegExp(p, 'g') : p;
    return re.global ? re : new RegExp(re.source, `${re.flags}g`);
  });
  return (text) => {
    let out = text;
    for (const r of rules) out = r.apply(out);
    for (const re of extra) out = out.replace(re, (m) => (m.length === 0 ? m : REDACTED));
    return out;
  };
}

/** A copy of a JSON-like value with every string redacted (object keys kept). */
export function redactDeep<T>(value: T, redact: Redactor): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
