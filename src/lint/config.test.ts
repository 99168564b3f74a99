import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile, parseConfig, parseRuleFlag, withRuleLevels } from './config.js';

describe('parseConfig', () => {
  it('reads levels, options, phrases, now and the severity scale', () => {
    const c = parseConfig(
      [
        'rules:',
        '  action-item-priority: off',
        '  timeline-zone: warn',
        '  five-whys-chain: [error, { min: 5 }]',
        '  shared-on-time: { options: { hours: 72 } }',
        'phrases:',
        '  judgemental: [shoddy]',
        '  people: [Marta Ng]',
        'now: 2026-06-01',
        'severity_scale: [SEV0, SEV1, SEV2]',
      ].join('\n'),
      '.aftermathrc.yaml',
    );
    expect(c.rules).toEqual({
      'action-item-priority': { level: 'off' },
      'timeline-zone': { level: 'warning' },
      'five-whys-chain': { level: 'error', options: { min: 5 } },
      'shared-on-time': { options: { hours: 72 } },
    });
    expect(c.phrases).toEqual({
      judgemental: ['shoddy'],
      vague: [],
      people: ['Marta Ng'],
      allow: [],
    });
    expect(c.now).toBe(Date.parse('2026-06-01'));
    expect(c.severityScale).toEqual(['SEV0', 'SEV1', 'SEV2']);
  });

  it('accepts an empty file', () => {
    expect(parseConfig('', 'c.yaml').rules).toEqual({});
  });

  it.each([
    [
      'rules:\n  timeline-zone: loud\n',
      'c.yaml: rules.timeline-zone: expected off, info, warning or error',
    ],
    [
      'rules:\n  timeline-zones: off\n',
      'c.yaml: rules.timeline-zones: unknown rule (did you mean timeline-zone?)',
    ],
    [
      'rules:\n  five-whys-chain: [error, { min: "five" }]\n',
      'c.yaml: rules.five-whys-chain.options.min:',
    ],
    ['rules:\n  five-whys-chain: [error, { mni: 5 }]\n', 'c.yaml: rules.five-whys-chain.options:'],
    ['rulez: {}\n', 'c.yaml: '],
    ['phrases:\n  judgemental: shoddy\n', 'c.yaml: phrases.judgemental:'],
    ['now: yesterday\n', 'c.yaml: now: expected an ISO 8601 date'],
    ['rules: [\n', 'c.yaml: invalid YAML at line'],
  ])('rejects %j with a one-line error naming the file and field', (text, message) => {
    let error: Error | undefined;
    try {
      parseConfig(text, 'c.yaml');
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message.startsWith(message)).toBe(true);
    expect(error?.message).not.toContain('\n');
  });
});

describe('findConfigFile', () => {
  it('takes the nearest file in the folder or above it', () => {
    const files = new Set([join('/a', '.aftermathrc.yaml'), join('/a/b/c', '.aftermathrc.yml')]);
    const exists = (p: string): boolean => files.has(p);
    expect(findConfigFile('/a/b/c/d', exists)).toBe(join('/a/b/c', '.aftermathrc.yml'));
    expect(findConfigFile('/a/b', exists)).toBe(join('/a', '.aftermathrc.yaml'));
    expect(findConfigFile('/x', exists)).toBeUndefined();
  });
});

describe('--rule', () => {
  it('parses id=level and lays it over the config', () => {
    expect(parseRuleFlag('timeline-zone=error')).toEqual(['timeline-zone', 'error']);
    const c = withRuleLevels(
      parseConfig('rules:\n  timeline-zone: [warning, {allowOtherZones: true}]\n', 'c'),
      [['timeline-zone', 'off']],
    );
    expect(c.rules['timeline-zone']).toEqual({ level: 'off', options: { allowOtherZones: true } });
  });

  it('rejects bad flags', () => {
    expect(() => parseRuleFlag('timeline-zone')).toThrow(/expected id=level/);
    expect(() => parseRuleFlag('timeline-zone=loud')).toThrow(
      /expected off, info, warning or error/,
    );
    expect(() => parseRuleFlag('no-such-rule=off')).toThrow(/unknown rule/);
  });
});
