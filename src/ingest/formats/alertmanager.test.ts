import { describe, expect, it } from 'vitest';
import type { ParsedEntry } from '../format.js';
import { createParseContext } from '../parse-context.js';
import { alertmanager } from './alertmanager.js';

const ctx = createParseContext({ reference: new Date('2026-11-22T20:00:00Z') });
const iso = (e: ParsedEntry | null) => new Date(e!.ts).toISOString();
const ZERO = '0001-01-01T00:00:00Z';

type Alert = Record<string, unknown>;
const alert = (
  status: string,
  labels: Record<string, string>,
  startsAt: string,
  endsAt = ZERO,
  fp = 'f1',
): Alert => ({
  status,
  labels: { alertname: 'ShopApiHighErrorRatio', service: 'shop-api', ...labels },
  annotations: {
    summary: 'shop-api 5xx ratio above 5%',
    runbook_url: 'https://runbooks.example/5xx',
  },
  startsAt,
  endsAt,
  generatorURL: 'http://prom:9090/graph',
  fingerprint: fp,
});
const webhook = (status: string, alerts: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    ...extra,
    receiver: 'oncall',
    status,
    alerts,
    groupLabels: { alertname: 'ShopApiHighErrorRatio' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://am:9093',
    version: '4',
    groupKey: '{}:{alertname="ShopApiHighErrorRatio"}',
    truncatedAlerts: 0,
  });
const parse = (line: string) => alertmanager.parse(line, ctx);

describe('alertmanager', () => {
  it('reads a webhook notification at the time the receiver got it', () => {
    const e = parse(
      webhook(
        'firing',
        [
          alert(
            'firing',
            { severity: 'page', job: 'shop', instance: 'vm:3000' },
            '2026-11-22T19:41:21.813Z',
          ),
        ],
        {
          receivedAt: '2026-11-22T19:41:31.846Z',
        },
      ),
    );
    expect(iso(e)).toBe('2026-11-22T19:41:31.846Z');
    expect(e!.tsText).toBe('2026-11-22T19:41:31.846Z');
    expect(e!.zoned).toBe(true);
    expect(e!.level).toBe('critical');
    expect(e!.message).toBe('FIRING ShopApiHighErrorRatio (page): shop-api 5xx ratio above 5%');
    expect(e!.attrs).toEqual({
      alertname: 'ShopApiHighErrorRatio',
      alertStatus: 'firing',
      severity: 'page',
      service: 'shop-api',
      job: 'shop',
      instance: 'vm:3000',
      alertStartsAt: '2026-11-22T19:41:21.813Z',
      alertCount: 1,
      fingerprint: 'f1',
      groupKey: '{}:{alertname="ShopApiHighErrorRatio"}',
      receiver: 'oncall',
      summary: 'shop-api 5xx ratio above 5%',
      runbookUrl: 'https://runbooks.example/5xx',
    });
  });

  it('falls back to the latest startsAt (firing) or endsAt (resolved)', () => {
    const firing = parse(
      webhook('firing', [
        alert('firing', { severity: 'warning' }, '2026-11-22T19:41:56.813Z'),
        alert('firing', { severity: 'warning' }, '2026-11-22T19:42:01.81387283Z', ZERO, 'f2'),
      ]),
    );
    expect(iso(firing)).toBe('2026-11-22T19:42:01.813Z');
    expect(firing!.level).toBe('warn');
    expect(firing!.message).toBe(
      'FIRING ShopApiHighErrorRatio (warning): shop-api 5xx ratio above 5% (+1 more)',
    );
    expect(firing!.attrs?.alertCount).toBe(2);
    const resolved = parse(
      webhook('resolved', [
        alert(
          'resolved',
          { severity: 'page' },
          '2026-11-22T19:41:21.813Z',
          '2026-11-22T19:44:11.813Z',
        ),
      ]),
    );
    expect(iso(resolved)).toBe('2026-11-22T19:44:11.813Z');
    expect(resolved!.level).toBe('info');
    expect(resolved!.message.startsWith('RESOLVED ShopApiHighErrorRatio (page)')).toBe(true);
    expect(resolved!.attrs?.alertEndsAt).toBe('2026-11-22T19:44:11.813Z');
  });

  it('lets the loudest firing alert speak for a group', () => {
    const e = parse(
      webhook('firing', [
        alert('firing', { alertname: 'LagHigh', severity: 'warning' }, '2026-11-22T19:41:00Z'),
        alert(
          'resolved',
          { alertname: 'Down', severity: 'critical' },
          '2026-11-22T19:40:00Z',
          '2026-11-22T19:43:00Z',
        ),
        alert(
          'firing',
          { alertname: 'PoolExhausted', severity: 'critical' },
          '2026-11-22T19:42:00Z',
          ZERO,
          'f3',
        ),
      ]),
    );
    expect(e!.level).toBe('critical');
    expect(e!.message.startsWith('FIRING PoolExhausted (critical)')).toBe(true);
    expect(e!.message.endsWith('(+2 more)')).toBe(true);
    expect(e!.attrs).toMatchObject({
      alertname: 'PoolExhausted',
      fingerprint: 'f3',
      alertCount: 3,
    });
  });

  it('maps severity labels; a firing alert without one is an error', () => {
    const level = (labels: Record<string, string>) =>
      parse(webhook('firing', [alert('firing', labels, '2026-11-22T19:41:00Z')]))!.level;
    expect(level({ severity: 'critical' })).toBe('critical');
    expect(level({ severity: 'P1' })).toBe('critical');
    expect(level({ severity: 'error' })).toBe('error');
    expect(level({ severity: 'warning' })).toBe('warn');
    expect(level({ severity: 'info' })).toBe('notice');
    expect(level({})).toBe('error');
    expect(level({ severity: 'whatever' })).toBe('error');
  });

  it('reads API v2 / amtool arrays, alert groups and single alerts', () => {
    const api = (state: string, fp: string, startsAt: string) => ({
      annotations: { summary: 'lag above 5 min' },
      endsAt: '2026-11-22T19:20:34.118Z',
      fingerprint: fp,
      receivers: [{ name: 'pager' }],
      startsAt,
      status: { inhibitedBy: [], silencedBy: state === 'suppressed' ? ['s1'] : [], state },
      updatedAt: '2026-11-22T19:16:34.120Z',
      labels: { alertname: 'LagHigh', severity: 'warning' },
    });
    const list = parse(
      JSON.stringify([
        api('active', 'a', '2026-11-22T19:11:02Z'),
        api('active', 'b', '2026-11-22T19:12:02Z'),
      ]),
    );
    expect(iso(list)).toBe('2026-11-22T19:12:02.000Z');
    expect(list!.level).toBe('warn');
    expect(list!.message).toBe('FIRING LagHigh (warning): lag above 5 min (+1 more)');
    expect(list!.attrs?.alertEndsAt).toBeUndefined();
    const silenced = parse(JSON.stringify([api('suppressed', 'c', '2026-11-22T19:13:02Z')]));
    expect(silenced!.level).toBe('notice');
    expect(silenced!.attrs?.suppressed).toBe(true);
    const groups = parse(
      JSON.stringify([
        {
          labels: { alertname: 'LagHigh' },
          receiver: { name: 'pager' },
          alerts: [api('active', 'd', '2026-11-22T19:14:02Z')],
        },
      ]),
    );
    expect(groups!.attrs).toMatchObject({ fingerprint: 'd', alertCount: 1 });
    const single = parse(JSON.stringify(api('active', 'e', '2026-11-22T19:15:02Z')));
    expect(iso(single)).toBe('2026-11-22T19:15:02.000Z');
  });

  it('rejects lines of other formats and alerts without a time', () => {
    const others = [
      '{"level":"info","time":"2026-11-22T19:37:36.533Z","msg":"labels loaded","labels":{"a":"b"}}',
      '{"log":"{\\"labels\\":1}\\n","stream":"stdout","time":"2026-11-22T19:37:36.533Z"}',
      '{"alerts":[{"labels":{"alertname":"X"}}],"status":"firing"',
      webhook('firing', [alert('firing', {}, ZERO)]),
      webhook('firing', ['not an alert']),
      '[1,2,3]',
      '[{"labels":{"a":"b"}}]',
      '2026-11-22 19:37:17.841 UTC [5381] LOG:  "labels"',
    ];
    for (const line of others) expect(parse(line), line).toBeNull();
  });
});
