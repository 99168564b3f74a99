import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../core/event.js';
import { assembleText } from '../../ingest/assemble.js';
import { createParseContext } from '../../ingest/parse-context.js';
import { cloudtrail } from '../../ingest/formats/cloudtrail.js';
import { ChangeDetector } from './changes.js';

const fixture = join(import.meta.dirname, '../../ingest/formats/fixtures/cloudtrail/records.log');

function trail(text: string): LogEvent[] {
  return assembleText(text, cloudtrail, createParseContext(), 'aws/cloudtrail', 'trail.json')
    .events;
}

const record = (minute: number, eventName: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    eventVersion: '1.09',
    eventTime: `2026-11-22T19:${String(minute).padStart(2, '0')}:00Z`,
    eventSource: 'autoscaling.amazonaws.com',
    eventName,
    userIdentity: { arn: 'arn:aws:sts::111122223333:assumed-role/asg-controller/i-1' },
    ...extra,
  });

describe('ChangeDetector on CloudTrail records', () => {
  it('reports the calls that changed something, not reads or refused calls', () => {
    const d = new ChangeDetector();
    for (const e of trail(readFileSync(fixture, 'utf8'))) d.add(e);
    const changes = d.finish();
    expect(changes.map((m) => [m.kind, new Date(m.ts).toISOString(), m.title])).toEqual([
      ['change', '2026-11-22T19:39:50.000Z', 'rds ModifyDBParameterGroup on shop-pg15'],
      ['change', '2026-11-22T19:41:00.000Z', 'ec2 RunInstances'],
    ]);
    expect(changes[0]!.data).toMatchObject({
      api: 'ModifyDBParameterGroup',
      service: 'rds',
      actor: 'assumed-role/terraform/ci-4711',
      count: 1,
    });
    expect(changes[0]!.evidence).toEqual([{ file: 'trail.json', line: 1 }]);
  });

  it('folds repeats of one call by one caller into one change with a count', () => {
    const d = new ChangeDetector();
    const lines = [
      record(10, 'SetDesiredCapacity'),
      record(12, 'SetDesiredCapacity'),
      record(16, 'SetDesiredCapacity'),
      // 30 minutes later: a change of its own.
      record(46, 'SetDesiredCapacity'),
      // A read, by name when readOnly is missing.
      record(47, 'DescribeAutoScalingGroups'),
    ];
    for (const e of trail(lines.join('\n'))) d.add(e);
    const changes = d.finish();
    expect(changes.map((m) => [m.title, m.data?.count])).toEqual([
      ['autoscaling SetDesiredCapacity (×3)', 3],
      ['autoscaling SetDesiredCapacity', 1],
    ]);
  });
});
