/** Action items across the archive: completion, time to close (from the status history), what is past due. */
import type { ArchivedPostmortem } from '../store/store.js';
import { spread } from './stats.js';
import type { ActionStats, CountRow, OverdueAction } from './types.js';

const DAY = 86_400_000;
const NO_OWNER = '(no owner)';
const NO_SERVICE = '(no service)';

function counts(keys: string[]): CountRow[] {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m]
    .map(([key, postmortems]) => ({ key, postmortems }))
    .sort((a, b) => b.postmortems - a.postmortems || a.key.localeCompare(b.key));
}

/**
 * Time to close runs from the postmortem's resolution (else mitigation, else archiving) to the
 * first `done` in the item's history: resolution is when follow-up work can start, whereas the
 * archiving time only says when someone ran `archive add`. An item imported already done has its
 * first `done` at the import, so its figure is an upper bound.
 */
export function actionStats(postmortems: readonly ArchivedPostmortem[], now: number): ActionStats {
  const dayStart = Math.floor(now / DAY) * DAY;
  let total = 0;
  let done = 0;
  let wontDo = 0;
  const toClose: number[] = [];
  const overdue: OverdueAction[] = [];
  for (const pm of postmortems) {
    const from = pm.resolvedMs ?? pm.mitigatedMs ?? pm.archivedAt;
    for (const item of pm.actionItems) {
      if (!item.inDocument) continue;
      total++;
      if (item.status === 'wont-do') {
        wontDo++;
        continue;
      }
      if (item.status === 'done') {
        done++;
        const first = item.history.find((h) => h.status === 'done');
        if (first) toClose.push(Math.max(0, first.at - from));
        continue;
      }
      if (item.dueMs !== undefined && item.dueMs < dayStart)
        overdue.push({
          postmortemId: pm.id,
          key: item.key,
          text: item.text,
          owner: item.owner ?? null,
          due: item.due ?? new Date(item.dueMs).toISOString().slice(0, 10),
          daysOverdue: Math.round((dayStart - item.dueMs) / DAY),
          services: pm.services,
        });
    }
  }
  overdue.sort(
    (a, b) =>
      b.daysOverdue - a.daysOverdue ||
      a.postmortemId.localeCompare(b.postmortemId) ||
      a.key.localeCompare(b.key),
  );
  const counted = total - wontDo;
  return {
    total,
    done,
    wontDo,
    open: total - done - wontDo,
    completionRate: counted === 0 ? null : Math.round((done / counted) * 1000) / 1000,
    timeToClose: spread(toClose),
    overdue,
    overdueByOwner: counts(overdue.map((o) => o.owner ?? NO_OWNER)),
    overdueByService: counts(
      overdue.flatMap((o) => (o.services.length ? o.services : [NO_SERVICE])),
    ),
  };
}
