/** Alerts firing and resolving, from Alertmanager notifications (webhook logs, API or amtool JSON). */
import type { LogEvent } from '../../core/event.js';
import { evidenceOf, type Moment, type StreamDetector } from './moment.js';

export class AlertDetector implements StreamDetector {
  private readonly out: Moment[] = [];
  // Alert name → whether it is firing now: repeated notifications of one episode are one moment.
  private readonly firing = new Map<string, boolean>();

  add(e: LogEvent): void {
    const status = e.attrs.alertStatus;
    const name = e.attrs.alertname;
    if (typeof status !== 'string' || typeof name !== 'string') return;
    const key = `${e.source}\u0000${name}`;
    const wasFiring = this.firing.get(key) ?? false;
    if (status === 'firing' && !wasFiring) {
      this.firing.set(key, true);
      this.out.push(this.moment('alert_firing', e, name, e.attrs.alertStartsAt));
    } else if (status === 'resolved' && wasFiring) {
      this.firing.set(key, false);
      this.out.push(this.moment('alert_resolved', e, name, e.attrs.alertEndsAt));
    } else if (status === 'resolved' && !this.firing.has(key)) {
      // Resolved without a firing notification in the evidence: still a fact worth showing.
      this.firing.set(key, false);
      this.out.push(this.moment('alert_resolved', e, name, e.attrs.alertEndsAt));
    }
  }

  private moment(
    kind: 'alert_firing' | 'alert_resolved',
    e: LogEvent,
    name: string,
    at: unknown,
  ): Moment {
    const data: Record<string, string | number | boolean> = { alertname: name, notifiedAt: e.ts };
    const severity = e.attrs.severity;
    if (typeof severity === 'string') data.severity = severity;
    // Alertmanager's startsAt/endsAt is when the rule changed state; the notification came later.
    const ruleTs = typeof at === 'string' ? Date.parse(at) : NaN;
    if (Number.isFinite(ruleTs)) data.ruleTs = ruleTs;
    const verb = kind === 'alert_firing' ? 'firing' : 'resolved';
    return {
      kind,
      ts: Number.isFinite(ruleTs) && ruleTs <= e.ts ? ruleTs : e.ts,
      source: e.source,
      confidence: 1,
      title: `alert ${name}${typeof severity === 'string' ? ` (${severity})` : ''} ${verb}`,
      evidence: evidenceOf(e),
      data,
    };
  }

  finish(): Moment[] {
    return this.out;
  }
}
