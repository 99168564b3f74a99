import { describe, expect, it } from 'vitest';
import { alertEvents } from './alerts-history.js';
import type { MatrixSeries } from './matrix.js';

const labels = { __name__: 'ALERTS', alertname: 'PoolExhausted', severity: 'page' };
const series = (alertstate: string, seconds: number[]): MatrixSeries => ({
  metric: { ...labels, alertstate },
  values: seconds.map((t) => [t, '1']),
});
const iso = (s: number) => new Date(s * 1000).toISOString();

describe('alertEvents', () => {
  it('makes each firing run a firing event and, when it stopped, a resolved one', () => {
    const events = alertEvents(
      [series('pending', [95, 100]), series('firing', [105, 110, 115, 150, 155])],
      5000,
      200_000,
    );
    expect(events).toEqual([
      {
        status: 'firing',
        labels: { alertname: 'PoolExhausted', severity: 'page' },
        annotations: {},
        startsAt: iso(105),
        endsAt: '0001-01-01T00:00:00Z',
      },
      {
        status: 'resolved',
        labels: { alertname: 'PoolExhausted', severity: 'page' },
        annotations: {},
        startsAt: iso(105),
        endsAt: iso(120),
      },
      {
        status: 'firing',
        labels: { alertname: 'PoolExhausted', severity: 'page' },
        annotations: {},
        startsAt: iso(150),
        endsAt: '0001-01-01T00:00:00Z',
      },
      {
        status: 'resolved',
        labels: { alertname: 'PoolExhausted', severity: 'page' },
        annotations: {},
        startsAt: iso(150),
        endsAt: iso(160),
      },
    ]);
  });

  it('a run that reaches the last evaluation is still firing: no resolved event', () => {
    const events = alertEvents([series('firing', [190, 195, 200])], 5000, 200_000);
    expect(events.map((e) => e.status)).toEqual(['firing']);
  });

  it('one missed evaluation does not split a run', () => {
    const events = alertEvents([series('firing', [100, 105, 111, 115])], 5000, 200_000);
    expect(events.map((e) => [e.status, e.startsAt])).toEqual([
      ['firing', iso(100)],
      ['resolved', iso(100)],
    ]);
  });

  it('orders the events of several alerts by time, an end before a start at one instant', () => {
    const other: MatrixSeries = {
      metric: { __name__: 'ALERTS', alertname: 'Latency', alertstate: 'firing' },
      values: [
        [102, '1'],
        [103, '1'],
        [104, '1'],
      ],
    };
    const events = alertEvents([series('firing', [100, 101]), other], 1000, 200_000);
    expect(
      events.map(
        (e) => `${e.status} ${e.labels.alertname} ${e.status === 'firing' ? e.startsAt : e.endsAt}`,
      ),
    ).toEqual([
      `firing PoolExhausted ${iso(100)}`,
      `resolved PoolExhausted ${iso(102)}`,
      `firing Latency ${iso(102)}`,
      `resolved Latency ${iso(105)}`,
    ]);
  });
});
