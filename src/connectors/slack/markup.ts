/** Slack's message markup made readable: `<@U1>` → `@Jane Doe`, `<#C1|ops>` → `#ops`, `<url|label>` → `label (url)`. */

export interface Names {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

const ENTITY: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

function one(inner: string, names: Names): string {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? inner.slice(bar + 1) : undefined;
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `@${label ?? names.user(id) ?? id}`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return `#${label ?? names.channel(id) ?? id}`;
  }
  if (target.startsWith('!')) {
    // <!here>, <!channel>, <!subteam^S1|@oncall>, <!date^1392734382^{date}|Feb 18>.
    if (label !== undefined) return label;
    const word = target.slice(1).split('^')[0]!;
    return `@${word}`;
  }
  if (label === undefined || label === target) return target.replace(/^mailto:/, '');
  return target.startsWith('mailto:') ? label : `${label} (${target})`;
}

/** Readable text; entities (`&lt;` `&gt;` `&amp;`) are decoded last, as Slack escapes only those. */
export function readableText(text: string, names: Names): string {
  return text
    .replace(/<([^<>\n]+)>/g, (_, inner: string) => one(inner, names))
    .replace(/&(lt|gt|amp);/g, (m) => ENTITY[m] ?? m);
}

/** The user ids a text mentions, to look their names up before writing. */
export function mentionedUsers(text: string): string[] {
  return [...text.matchAll(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1]!);
}
