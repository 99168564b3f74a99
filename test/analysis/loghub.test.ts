/**
 * Real logs from Loghub (../shared/datasets/loghub-2k beside the project, research licence, not
 * copied here; skipped when absent). Hadoop_2k records a network disconnection: WARN/ERROR lines
 * grow from 1 to 71 to 182 a minute from 18:04 to 18:06, with new templates ("Address change
 * detected", "ERROR IN CONTACTING RM") before the FATAL NoRouteToHostException. BGL_2k labels
 * each line (`-` = normal, else an alert category): the first error should not come after the
 * first alert.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analysis/analyze.js';
import type { Moment } from '../../src/analysis/moments/moment.js';
import { analyzeIncident } from '../../src/pipeline/analyze-incident.js';
import { momentOf, story } from './synthetic.js';

const root = join(import.meta.dirname, '../..');
const loghub = join(root, '../shared/datasets/loghub-2k');
const hadoop = join(loghub, 'Hadoop/Hadoop_2k.log');
const bgl = join(loghub, 'BGL/BGL_2k.log');

if (!existsSync(loghub))
  console.warn(`skipping the Loghub analysis checks: ${loghub} is missing (see DESIGN.md, data)`);

/** 1-based number and text of the first line matching. */
function firstLine(path: string, test: (line: string) => boolean): { line: number; text: string } {
  const lines = readFileSync(path, 'utf8').split('\n');
  const i = lines.findIndex(test);
  if (i < 0) throw new Error(`no such line in ${path}`);
  return { line: i + 1, text: lines[i]! };
}

/** Hadoop writes `2015-10-18 18:06:26,029` with no zone; the analysis reads it as UTC. */
const hadoopTs = (text: string): number =>
  Date.parse(`${text.slice(0, 10)}T${text.slice(11, 23).replace(',', '.')}Z`);

describe.skipIf(!existsSync(hadoop))('Loghub Hadoop: a network disconnection', () => {
  let analysis: Analysis;
  beforeAll(async () => {
    ({ analysis } = await analyzeIncident([hadoop], { tz: 'UTC' }));
  }, 60_000);
  const from = Date.parse('2015-10-18T18:04:00Z');
  const to = Date.parse('2015-10-18T18:07:00Z');

  it('puts the first error and the onset in 18:04–18:07', () => {
    const first = momentOf(analysis, 'first_error');
    const onset = momentOf(analysis, 'onset');
    expect(first, story(analysis)).toBeDefined();
    expect(onset, story(analysis)).toBeDefined();
    for (const m of [first!, onset!]) {
      expect(m.ts).toBeGreaterThanOrEqual(from);
      expect(m.ts).toBeLessThan(to);
    }
    const firstError = firstLine(hadoop, (l) => / (ERROR|FATAL) \[/.test(l));
    expect(first!.evidence).toEqual([{ file: hadoop, line: firstError.line }]);
  });

  it('shows the new templates before the FATAL NoRouteToHostException', () => {
    const fatal = firstLine(hadoop, (l) => / FATAL \[/.test(l));
    expect(fatal.text).toContain('NoRouteToHostException');
    const fatalTs = hadoopTs(fatal.text);
    const patterns = analysis.moments.filter(
      (m): m is Moment => m.kind === 'new_template' || m.kind === 'warning_sign',
    );
    for (const needle of ['Address change detected', 'ERROR IN CONTACTING RM']) {
      const where = firstLine(hadoop, (l) => l.includes(needle));
      const moment = patterns.find((m) => String(m.data?.template).includes(needle));
      const listed = analysis.templates.new.find((t) => t.template.includes(needle));
      expect(moment ?? listed, `${needle}\n${story(analysis)}`).toBeDefined();
      const ts = moment?.ts ?? listed!.firstTs;
      expect(ts).toBe(hadoopTs(where.text));
      expect(ts).toBeLessThan(fatalTs);
      const evidence = moment?.evidence[0] ?? listed!.first;
      expect(evidence).toEqual({ file: hadoop, line: where.line });
    }
  });
});

describe.skipIf(!existsSync(bgl))('Loghub BGL: first error against the labelled alerts', () => {
  let analysis: Analysis;
  beforeAll(async () => {
    ({ analysis } = await analyzeIncident([bgl]));
  }, 60_000);

  it('has its first error at or before the first labelled alert line', () => {
    const alert = firstLine(bgl, (l) => l.length > 0 && !l.startsWith('- '));
    // `LABEL EPOCH DATE LOC YYYY-MM-DD-HH.MM.SS.UUUUUU …`: the epoch seconds fix the instant,
    // the local time's microseconds refine it (kept as a fraction of a millisecond).
    const fields = alert.text.split(' ');
    const alertTs = Number(fields[1]) * 1000 + Number(fields[4]!.slice(20)) / 1000;
    const first = momentOf(analysis, 'first_error');
    expect(first, story(analysis)).toBeDefined();
    expect(first!.ts).toBeLessThanOrEqual(alertTs);
    // Here it is that very line: nothing unlabelled at error level comes before it.
    expect(first!.evidence).toEqual([{ file: bgl, line: alert.line }]);
    expect(first!.ts).toBe(alertTs);
  });
});
