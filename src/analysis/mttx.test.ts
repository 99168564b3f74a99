import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../core/event.js';
import { computeMttx, PagingTracker } from './mttx.js';
import type { Moment } from './moments/moment.js';

const T0 = Date.parse('2026-11-22T19:30:00Z');
const min = (n: number): number => T0 + n * 60_000;

/** A PagerDuty log entry as the json format reads the pagerduty connector's snapshot line. */
function pd(ts: number, type: string, line: number, agent?: string): LogEvent {
  return {
    ts,
    tsText: new Date(ts).toISOString(),
    zoned: true,
    source: 'pd',
    file: 'evidence/pd/log-entries.jsonl',
    line,
    offset: 0,
    level: 'info',
    message: `PagerDuty: ${type}`,
    attrs: { kind: 'page', pagerduty_type: type, incident: 'Q1W2E3', ...(agent ? { agent } : {}) },
    raw: '',
    format: 'json',
  };
}

const moment = (kind: Moment['kind'], ts: number, line: number): Moment => ({
  kind,
  ts,
  source: kind === 'onset' ? 'nginx' : 'alerts',
  confidence: 1,
  title: kind,
  evidence: [{ file: `${kind}.log`, line }],
});

function paging(events: LogEvent[]) {
  const t = new PagingTracker();
  for (const e of events) t.add(e);
  return t.finish();
}

describe('MTTx from paging records', () => {
  it('a PagerDuty acknowledgement sets the acknowledged time with its evidence', () => {
    const moments = [moment('onset', min(0), 1), moment('alert_firing', min(2), 7)];
    const m = computeMttx(
      moments,
      paging([
        pd(min(3), 'trigger_log_entry', 1),
        pd(min(6), 'acknowledge_log_entry', 3, 'Jane Doe'),
      ]),
    );
    expect(m.points.acknowledged).toEqual({
      ts: min(6),
      how: 'page_acknowledged',
      source: 'pd',
      evidence: [{ file: 'evidence/pd/log-entries.jsonl', line: 3 }],
    });
    expect(m.timeToAcknowledge).toBe(360);
    // The alert came before the page: it stays the detection.
    expect(m.points.detected.how).toBe('alert_firing');
    expect(m.timeToDetect).toBe(120);
  });

  it('a page before any alert is the detection; without alerts it is the only one', () => {
    const early = computeMttx(
      [moment('onset', min(0), 1), moment('alert_firing', min(4), 7)],
      paging([pd(min(1), 'trigger_log_entry', 1)]),
    );
    expect(early.points.detected).toMatchObject({
      ts: min(1),
      how: 'page_triggered',
      source: 'pd',
    });
    const only = computeMttx(
      [moment('onset', min(0), 1)],
      paging([pd(min(2), 'trigger_log_entry', 5)]),
    );
    expect(only.points.detected.evidence).toEqual([
      { file: 'evidence/pd/log-entries.jsonl', line: 5 },
    ]);
    expect(only.timeToDetect).toBe(120);
  });

  it('ignores pages and acknowledgements of an earlier episode, and other log entry types', () => {
    const m = computeMttx(
      [moment('onset', min(30), 1)],
      paging([
        pd(min(0), 'trigger_log_entry', 1),
        pd(min(1), 'acknowledge_log_entry', 2),
        pd(min(31), 'escalate_log_entry', 3),
        pd(min(32), 'trigger_log_entry', 4),
        pd(min(35), 'acknowledge_log_entry', 5),
      ]),
    );
    expect(m.points.detected.ts).toBe(min(32));
    expect(m.points.acknowledged.ts).toBe(min(35));
  });

  it('a resolved page stands in only when no signal showed the recovery', () => {
    const pages = paging([pd(min(1), 'trigger_log_entry', 1), pd(min(20), 'resolve_log_entry', 9)]);
    const noRecovery = computeMttx([moment('onset', min(0), 1)], pages);
    expect(noRecovery.points.resolved).toMatchObject({ ts: min(20), how: 'page_resolved' });
    const withRecovery = computeMttx(
      [moment('onset', min(0), 1), moment('recovery', min(15), 2)],
      pages,
    );
    expect(withRecovery.points.resolved).toMatchObject({ ts: min(15), how: 'recovery' });
  });

  it('without paging records the points are what the moments say, unknowns with their reason', () => {
    const m = computeMttx([moment('onset', min(0), 1)]);
    expect(m.points.acknowledged.ts).toBeNull();
    expect(m.points.acknowledged.how).toMatch(/no paging data/);
    expect(m.timeToAcknowledge).toBeNull();
  });

  it('only events marked as pages count', () => {
    const chat = {
      ...pd(min(1), 'acknowledge_log_entry', 1),
      attrs: { kind: 'chat', pagerduty_type: 'acknowledge_log_entry' },
    };
    expect(paging([chat]).acknowledged).toEqual([]);
  });
});
