/** logfmt lines: `time=… level=… msg="…" key=value` (logrus, go-kit/Prometheus, Grafana, Heroku). */
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';
import { FieldRecord } from './json-record.js';
import { readKvPairs } from './kv-tokenize.js';

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  const rec = new FieldRecord(ctx);
  const counts = readKvPairs(line, (key, value) => rec.add(key, value));
  // Prose with a stray `a=b` is not logfmt: pairs must dominate the line.
  if (counts === undefined || counts.pairs < 2 || counts.bare > counts.pairs) return null;
  // Inside a docker, Loki or CloudWatch record the outer time serves: keep the level and fields.
  return rec.finish(ctx.embedded === true);
}

export const logfmt: LogFormat = {
  id: 'logfmt',
  aliases: ['logrus', 'go-kit'],
  description: 'logfmt key=value lines with a time key: logrus, go-kit/Prometheus, Grafana, Heroku',
  multiline: false,
  detect: (sample, ctx) => detectByParse(logfmt, sample, ctx, 0.9),
  parse,
};
