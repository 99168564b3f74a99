import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../core/event.js';
import { OomRestartDetector } from './oom-restart.js';

const t0 = Date.parse('2026-11-22T19:40:00Z');
function ev(
  ts: number,
  message: string,
  attrs: LogEvent['attrs'],
  level: LogEvent['level'] = 'error',
): LogEvent {
  return {
    ts,
    tsText: '',
    zoned: true,
    source: 'k8s/events',
    file: 'events.jsonl',
    line: 1,
    offset: 0,
    level,
    message,
    attrs,
    raw: message,
    format: 'json',
  };
}

describe('OOM kills and restarts reported by Kubernetes', () => {
  it('two pods killed within the same seconds are two kills, each naming its pod', () => {
    const d = new OomRestartDetector();
    d.add(ev(t0 - 120_000, 'Pod/shop-api-a Scheduled', { pod: 'shop-api-a' }, 'info'));
    d.add(
      ev(t0, 'Pod/shop-api-a container api terminated: OOMKilled (exit code 137)', {
        pod: 'shop-api-a',
        container: 'api',
      }),
    );
    d.add(
      ev(t0 + 1000, 'Pod/shop-api-b container api terminated: OOMKilled (exit code 137)', {
        pod: 'shop-api-b',
        container: 'api',
      }),
    );
    d.add(
      ev(
        t0 + 30_000,
        'Pod/shop-api-a container api restarted (restart count 1)',
        { pod: 'shop-api-a', container: 'api' },
        'info',
      ),
    );
    const moments = d.finish();
    const kills = moments.filter((m) => m.kind === 'oom_kill');
    expect(kills.map((m) => m.data?.pod)).toEqual(['shop-api-a', 'shop-api-b']);
    expect(moments.filter((m) => m.kind === 'restart').map((m) => m.ts)).toEqual([t0 + 30_000]);
  });

  it('kernel lines of one kill without a pod still make one kill', () => {
    const d = new OomRestartDetector();
    d.add(ev(t0, 'java invoked oom-killer: gfp_mask=0x100cca', {}, 'warn'));
    d.add(
      ev(t0 + 10, 'Out of memory: Killed process 4242 (java)', {
        killedPid: 4242,
        killedProcess: 'java',
      }),
    );
    const kills = d.finish().filter((m) => m.kind === 'oom_kill');
    expect(kills).toHaveLength(1);
    expect(kills[0]!.data).toMatchObject({ pid: 4242, process: 'java' });
  });
});
