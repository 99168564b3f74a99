import { describe, expect, it } from 'vitest';
import { detectFormat } from '../detect.js';
import { createParseContext } from '../parse-context.js';
import { cloudtrail, isMutating } from './cloudtrail.js';

const ctx = () => createParseContext({});

const RECORD = {
  eventVersion: '1.09',
  userIdentity: {
    type: 'AssumedRole',
    arn: 'arn:aws:sts::111122223333:assumed-role/terraform/ci-4711',
  },
  eventTime: '2026-11-22T19:39:50Z',
  eventSource: 'rds.amazonaws.com',
  eventName: 'ModifyDBParameterGroup',
  awsRegion: 'eu-west-1',
  sourceIPAddress: '198.51.100.20',
  requestID: '0f1e2d3c',
  eventID: '1a2b3c4d',
  readOnly: false,
  resources: [{ ARN: 'arn:aws:rds:eu-west-1:111122223333:pg:shop-pg15' }],
  recipientAccountId: '111122223333',
};
const line = (extra: Record<string, unknown> = {}) => JSON.stringify({ ...RECORD, ...extra });

describe('cloudtrail', () => {
  it('reads an API call: what, on which service, by whom, from where', () => {
    const e = cloudtrail.parse(line(), ctx());
    expect(new Date(e!.ts).toISOString()).toBe('2026-11-22T19:39:50.000Z');
    expect(e?.zoned).toBe(true);
    expect(e?.level).toBe('info');
    expect(e?.message).toBe('rds ModifyDBParameterGroup by assumed-role/terraform/ci-4711');
    expect(e?.attrs).toEqual({
      eventName: 'ModifyDBParameterGroup',
      eventSource: 'rds.amazonaws.com',
      actor: 'assumed-role/terraform/ci-4711',
      region: 'eu-west-1',
      clientIp: '198.51.100.20',
      mutating: true,
      requestId: '0f1e2d3c',
      eventId: '1a2b3c4d',
      resources: 'arn:aws:rds:eu-west-1:111122223333:pg:shop-pg15',
      account: '111122223333',
    });
  });

  it('makes a failed change an error and a refused read a warning', () => {
    const failed = cloudtrail.parse(line({ errorCode: 'InvalidParameterCombination' }), ctx());
    expect(failed?.level).toBe('error');
    expect(failed?.message).toContain('failed: InvalidParameterCombination');
    const refused = cloudtrail.parse(
      line({ eventName: 'DescribeDBInstances', readOnly: true, errorCode: 'AccessDenied' }),
      ctx(),
    );
    expect(refused?.level).toBe('warn');
    expect(refused?.attrs?.mutating).toBe(false);
  });

  it("tells changes from reads by CloudTrail's readOnly, else by the call's name", () => {
    expect(isMutating('GetObject', true)).toBe(false);
    expect(isMutating('PutObject', false)).toBe(true);
    expect(isMutating('DescribeInstances', undefined)).toBe(false);
    expect(isMutating('ListBuckets', undefined)).toBe(false);
    expect(isMutating('RunInstances', undefined)).toBe(true);
    // A word that merely starts like a read verb is a change.
    expect(isMutating('Getaway', undefined)).toBe(true);
  });

  it('names a service caller when there is no ARN', () => {
    const e = cloudtrail.parse(
      line({ userIdentity: { type: 'AWSService', invokedBy: 'autoscaling.amazonaws.com' } }),
      ctx(),
    );
    expect(e?.attrs?.actor).toBe('autoscaling.amazonaws.com');
  });

  it('rejects other JSON lines and broken records', () => {
    for (const text of [
      '{"time":"2026-11-22T19:40:42Z","level":"info","msg":"eventSource changed"}',
      JSON.stringify({ eventTime: '2026-11-22T19:39:50Z', eventSource: 'x', eventName: 'Y' }),
      line({ eventTime: 'yesterday' }),
      '{"eventSource": "rds.amazonaws.com", ',
    ]) {
      expect(cloudtrail.parse(text, ctx()), text).toBeNull();
    }
  });

  it('is detected over the generic JSON reader', () => {
    const sample = [line(), line({ eventName: 'DescribeDBInstances', readOnly: true })];
    expect(detectFormat(sample, ctx()).format?.id).toBe('cloudtrail');
  });
});
