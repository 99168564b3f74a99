/** The reporters on one set of results: stylish, json, sarif (against the official schema), github. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate, type Schema } from '../../../test/fixtures/sarif/json-schema.js';
import { lintText } from '../linter.js';
import { RULES } from '../rules/index.js';
import { REPORTERS, type ReportContext } from './index.js';

const root = join(import.meta.dirname, '../../..');
const schema = JSON.parse(
  readFileSync(join(root, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'),
) as Schema;

const text = [
  '---',
  'severity: SEV2',
  'status: draft',
  'started: not a time',
  '---',
  '# Outage',
  '',
  '## Summary',
  '',
  'The engineer broke the deploy, a careless change.',
  '',
  '## Timeline',
  '',
  '| Time | Event |',
  '| --- | --- |',
  '| 2026-03-04 14:02 | Alert fires |',
  '',
  '## Action items',
  '',
  '- Improve monitoring',
  '',
].join('\n');
const results = [
  lintText(text, { source: '/repo/docs/pm, 1.md', now: Date.parse('2026-03-10') }),
  lintText('# Clean\n', {
    source: '/repo/docs/clean.md',
    config: { rules: {}, phrases: { judgemental: [], vague: [], people: [], allow: [] } },
    only: [],
  }),
];
const context: ReportContext = { cwd: '/repo', rules: RULES, color: false, version: '0.1.0' };

describe('reporters', () => {
  it('stylish groups by file with line:col, severity, message and rule id, then a summary', () => {
    const out = REPORTERS.stylish!.render(results, context);
    expect(out).toMatch(/^docs\/pm, 1\.md\n/);
    expect(out).toMatch(
      /\n {2}10:1 +error +"The engineer broke" names a person .* no-person-as-cause\n/,
    );
    expect(out).toMatch(/\n✖ \d+ problems \(\d+ errors?, \d+ warnings?, \d+ info\)\n/);
    expect(out).toContain('fixable with the --fix option');
    expect(out).not.toContain('clean.md');
    expect(REPORTERS.stylish!.render([results[1]!], context)).toBe('');
  });

  it('json lists every file with its findings', () => {
    const files = JSON.parse(REPORTERS.json!.render(results, context)) as {
      filePath: string;
      findings: { ruleId: string; line: number; column: number; messageId: string }[];
    }[];
    expect(files.map((f) => f.filePath)).toEqual(['docs/pm, 1.md', 'docs/clean.md']);
    expect(files[0]!.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'no-person-as-cause',
        messageId: 'personAsCause',
        line: 10,
        column: 1,
      }),
    );
    expect(files[0]!.findings.some((f) => f.ruleId === 'document/bad-time')).toBe(true);
  });

  it('sarif validates against the SARIF 2.1.0 schema', () => {
    const log = JSON.parse(REPORTERS.sarif!.render(results, context)) as {
      runs: {
        tool: { driver: { rules: { id: string; helpUri?: string }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> };
          }[];
        }[];
      }[];
    };
    expect(validate(log, schema)).toEqual([]);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining(Object.keys(RULES)),
    );
    expect(run.tool.driver.rules.find((r) => r.id === 'timeline-zone')?.helpUri).toMatch(
      /docs\/rules\/timeline-zone\.md$/,
    );
    const r = run.results.find((x) => x.ruleId === 'no-person-as-cause')!;
    expect(r.level).toBe('error');
    expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toBe('docs/pm%2C%201.md');
    expect(r.locations[0]!.physicalLocation.region).toEqual({
      startLine: 10,
      startColumn: 1,
      endLine: 10,
      endColumn: 19,
    });
    expect(run.results.some((x) => x.level === 'note')).toBe(true);
  });

  it('sarif uses --docs-url for help links', () => {
    const log = JSON.parse(
      REPORTERS.sarif!.render(results, { ...context, docsBaseUrl: 'https://example.org/rules' }),
    ) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[] };
    expect(log.runs[0]!.tool.driver.rules[0]!.helpUri).toBe(
      `https://example.org/rules/${Object.keys(RULES)[0]}.md`,
    );
  });

  it('the schema check catches broken SARIF', () => {
    expect(validate({ version: '2.1.0' }, schema)).toContain('$: missing required runs');
    const bad = {
      version: '2.1.0',
      runs: [
        { tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] },
      ],
    };
    expect(validate(bad, schema).join('\n')).toMatch(/level: expected one of/);
  });

  it('github writes one annotation a finding, escaped', () => {
    const out = REPORTERS.github!.render(results, context);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(results[0]!.findings.length);
    expect(lines).toContain(
      '::error file=docs/pm%2C 1.md,line=10,col=1,endLine=10,endColumn=19,title=no-person-as-cause::"The engineer broke" names a person as the cause; describe the condition or mechanism that let it happen',
    );
    expect(out).toMatch(/^::notice /m);
  });
});
