/** W3C extended log files (IIS, Azure App Service, CloudFront): `#Fields:` names the columns. */
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';
import { closeHeader, readDirective } from './w3c-directives.js';
import { FIELDS, IIS_DEFAULT, looksLikeIisDefault, readEntry, type Fields } from './w3c-fields.js';

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  if (line.charCodeAt(0) === 35 /* # */) return readDirective(line, ctx);
  closeHeader(ctx);
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  const text = end === line.length ? line : line.slice(0, end);
  const f = ctx.state[FIELDS] as Fields | undefined;
  if (f !== undefined) return f.hasTime ? readEntry(text, f, ctx) : null;
  return looksLikeIisDefault(text) ? readEntry(text, IIS_DEFAULT, ctx) : null;
}

export const w3c: LogFormat = {
  id: 'w3c',
  aliases: ['iis', 'cloudfront', 'w3c-extended'],
  description: 'W3C extended log files: IIS, Azure App Service, CloudFront (#Fields: header)',
  multiline: false,
  detect: (sample, ctx) => detectByParse(w3c, sample, ctx),
  parse,
};
