/**
 * Safe-by-default HTML building: `markup` escapes every interpolated value unless it is already
 * `SafeHtml`, so log text (attacker-controlled: a user agent can hold `<script>`) cannot become
 * markup by someone forgetting to escape it.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text or attribute value → HTML (quotes escaped too, so it is safe in either place). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

export type HtmlValue =
  SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/**
 * @example
 * markup`<td title="${line}">${line}</td>`; // both escaped
 */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup we produced ourselves (sanitised document HTML, SVG we built, inlined assets). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * JSON for a `<script type="application/json">` block: every `<` as `\u003c`, so nothing in the
 * data (`</script>`, `<!--`) can end the block or change how the HTML parser reads it.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A library's JavaScript made safe to put between `<script>` tags: `</script` would end the
 * element and `<script` after `<!--` would keep the real end tag from ending it. Both are spelt
 * with an escape that means the same inside strings and regular expressions.
 */
export function scriptText(js: string): string {
  return js
    .replace(/<\/script/gi, (m) => `<\\/${m.slice(2)}`)
    .replace(/<script/gi, (m) => `<\\x${m.charCodeAt(1).toString(16)}${m.slice(2)}`);
}
