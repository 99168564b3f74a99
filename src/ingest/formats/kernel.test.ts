import { describe, expect, it } from 'vitest';
import type { Attrs } from '../../core/event.js';
import { kernelAttrs } from './kernel.js';

function read(message: string): { level: string | undefined; attrs: Attrs } {
  const attrs: Attrs = {};
  return { level: kernelAttrs(message, attrs), attrs };
}

describe('kernelAttrs', () => {
  it('reads a modern OOM kill: anon-rss is the memory freed', () => {
    const r = read(
      'Out of memory: Killed process 21877 (java) total-vm:9876544kB, anon-rss:7340032kB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:15360kB oom_score_adj:0',
    );
    expect(r.level).toBe('error');
    expect(r.attrs).toEqual({
      oom: true,
      killedPid: 21877,
      killedProcess: 'java',
      memoryKb: 7340032,
      totalVmKb: 9876544,
    });
  });

  it('reads the older kill lines and their score', () => {
    const kill = read('Out of memory: Kill process 2592 (mysqld) score 900 or sacrifice child');
    expect(kill.level).toBe('error');
    expect(kill.attrs).toEqual({
      oom: true,
      killedPid: 2592,
      killedProcess: 'mysqld',
      oomScore: 900,
    });
    const killed = read(
      'Killed process 2592 (mysqld) total-vm:2357196kB, anon-rss:1504176kB, file-rss:0kB',
    );
    expect(killed.level).toBe('error');
    expect(killed.attrs).toMatchObject({ killedPid: 2592, memoryKb: 1504176, totalVmKb: 2357196 });
  });

  it('reads cgroup OOM kills and the oom-kill summary', () => {
    const cg = read(
      'Memory cgroup out of memory: Killed process 4242 (postgres) total-vm:2150400kB, anon-rss:1048576kB, file-rss:2048kB',
    );
    expect(cg.level).toBe('error');
    expect(cg.attrs).toMatchObject({
      oom: true,
      killedPid: 4242,
      killedProcess: 'postgres',
      memoryKb: 1048576,
    });
    const summary = read(
      'oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/kubepods/pod1,task_memcg=/kubepods/pod1/c1,task=java,pid=1234,uid=0',
    );
    expect(summary.level).toBe('error');
    expect(summary.attrs).toEqual({
      oom: true,
      oomConstraint: 'CONSTRAINT_MEMCG',
      oomCgroup: '/kubepods/pod1',
      killedProcess: 'java',
      killedPid: 1234,
    });
  });

  it('reads the invoker as a warning, not as the killed process', () => {
    const r = read(
      'java invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0',
    );
    expect(r.level).toBe('warn');
    expect(r.attrs).toEqual({ oom: true, oomInvoker: 'java' });
  });

  it('reads process names with spaces and parentheses', () => {
    const r = read(
      'Out of memory: Killed process 77 (Web Content) total-vm:100kB, anon-rss:50kB, file-rss:0kB',
    );
    expect(r.attrs.killedProcess).toBe('Web Content');
    expect(
      read('Killed process 78 ((sd-pam)) total-vm:10kB, anon-rss:5kB').attrs.killedProcess,
    ).toBe('(sd-pam)');
  });

  it('reads segfaults as errors with the crashed process', () => {
    const r = read(
      'node[31337]: segfault at 0 ip 00007f3a2b1c4d5e sp 00007ffd4a3b2c10 error 4 in libc.so.6[7f3a2b0a1000+155000]',
    );
    expect(r.level).toBe('error');
    expect(r.attrs).toEqual({ segfault: true, killedProcess: 'node', killedPid: 31337 });
  });

  it('reads oom_reaper, panics and boots', () => {
    const reaper = read(
      'oom_reaper: reaped process 21877 (java), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB',
    );
    expect(reaper.level).toBe('notice');
    expect(reaper.attrs).toEqual({ oom: true, killedPid: 21877, killedProcess: 'java' });
    const panic = read('Kernel panic - not syncing: Fatal exception in interrupt');
    expect(panic.level).toBe('fatal');
    expect(panic.attrs.panic).toBe(true);
    const boot = read(
      'Linux version 6.1.0-27-amd64 (debian-kernel@lists.debian.org) (gcc-12) #1 SMP',
    );
    expect(boot.level).toBe('notice');
    expect(boot.attrs).toEqual({ boot: true, kernelVersion: '6.1.0-27-amd64' });
  });

  it('looks past a printk uptime kept in the message', () => {
    const r = read(
      '[ 8123.483437] Out of memory: Killed process 21877 (java) total-vm:10kB, anon-rss:5kB',
    );
    expect(r.attrs).toMatchObject({ oom: true, killedPid: 21877, memoryKb: 5 });
  });

  it('leaves other kernel messages alone', () => {
    for (const m of [
      'EXT4-fs (vda1): mounted filesystem with ordered data mode.',
      'CPU: 3 PID: 21877 Comm: java Not tainted 6.1.0-27-amd64 #1',
      'Killed process without a pid',
      'Out of memory',
      '[UFW BLOCK] IN=eth0 OUT= SRC=203.0.113.9',
      'x[abc]: segfault at 0 ip 0',
      'x[0x1f]: segfault at 0 ip 0',
      '',
    ]) {
      const attrs: Attrs = {};
      const level = kernelAttrs(m, attrs);
      if (m === 'Out of memory') {
        expect(level).toBe('error');
        continue;
      }
      expect(level, m).toBeUndefined();
      expect(attrs, m).toEqual({});
    }
  });
});
