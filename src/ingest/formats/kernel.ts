/** Kernel messages worth a postmortem: OOM kills, segfaults, panics and boots, read into attributes. */
import type { Attrs } from '../../core/event.js';
import type { Level } from '../../core/level.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

// `1234 (java)` at i: sets killedPid/killedProcess, returns the index after `)`, or -1.
function pidAndName(s: string, i: number, attrs: Attrs): number {
  let j = i;
  let pid = 0;
  while (j - i < 10 && isDigit(s.charCodeAt(j))) pid = pid * 10 + (s.charCodeAt(j++) - 48);
  if (j === i || s.charCodeAt(j) !== 32 || s.charCodeAt(j + 1) !== 40) return -1;
  // comm is at most 16 bytes but may hold spaces and parentheses: the name ends at a `)` that
  // ends a word.
  let close = j + 2;
  for (; close < s.length && close - j < 40; close++) {
    if (s.charCodeAt(close) !== 41) continue;
    const next = s.charCodeAt(close + 1);
    if (close + 1 === s.length || next === 32 || next === 44) break;
  }
  if (s.charCodeAt(close) !== 41) return -1;
  attrs.killedPid = pid;
  attrs.killedProcess = s.slice(j + 2, close);
  return close + 1;
}

// `key:1234kB` after i, as a number of kB; undefined when absent.
function kb(s: string, i: number, key: string): number | undefined {
  const k = s.indexOf(key, i);
  if (k < 0) return undefined;
  let j = k + key.length;
  let v = 0;
  const start = j;
  while (j - start < 15 && isDigit(s.charCodeAt(j))) v = v * 10 + (s.charCodeAt(j++) - 48);
  return j > start && s.charCodeAt(j) === 107 ? v : undefined;
}

// `Killed process 1234 (java) total-vm:…kB, anon-rss:…kB, …` or `Kill process 1234 (java) score 900 …`
function killed(s: string, i: number, attrs: Attrs): Level | undefined {
  const verb = s.startsWith('Killed process ', i) ? 15 : s.startsWith('Kill process ', i) ? 13 : 0;
  if (verb === 0) return undefined;
  const end = pidAndName(s, i + verb, attrs);
  if (end < 0) return undefined;
  attrs.oom = true;
  // anon-rss is the memory the kill gives back; total-vm is only the address space.
  const anon = kb(s, end, 'anon-rss:');
  if (anon !== undefined) attrs.memoryKb = anon;
  const vm = kb(s, end, 'total-vm:');
  if (vm !== undefined) attrs.totalVmKb = vm;
  if (s.startsWith(' score ', end)) {
    let j = end + 7;
    let score = 0;
    while (j - end - 7 < 6 && isDigit(s.charCodeAt(j)))
      score = score * 10 + (s.charCodeAt(j++) - 48);
    if (j > end + 7) attrs.oomScore = score;
  }
  return 'error';
}

// `oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),…,task=java,pid=1234,uid=0`
function oomKillSummary(s: string, i: number, attrs: Attrs): Level {
  attrs.oom = true;
  const fields = s.slice(i + 9).split(',');
  for (const f of fields) {
    const eq = f.indexOf('=');
    if (eq < 0) continue;
    const key = f.slice(0, eq);
    const value = f.slice(eq + 1);
    if (key === 'task') attrs.killedProcess = value;
    else if (key === 'pid' && /^\d{1,10}$/.test(value)) attrs.killedPid = Number(value);
    else if (key === 'constraint') attrs.oomConstraint = value;
    else if (key === 'oom_memcg') attrs.oomCgroup = value;
  }
  return 'error';
}

// Kernel lines in syslog sometimes keep printk's `[ 1234.567890] ` uptime.
function skipUptime(s: string): number {
  if (s.charCodeAt(0) !== 91) return 0;
  const close = s.indexOf('] ', 1);
  if (close < 0 || close > 20) return 0;
  for (let j = 1; j < close; j++) {
    const c = s.charCodeAt(j);
    if (!isDigit(c) && c !== 32 && c !== 46) return 0;
  }
  return close + 2;
}

/**
 * Reads a kernel message's OOM, segfault, panic and boot facts into `attrs` and returns the level it
 * implies (undefined when it is none of these). OOM kills are `error` with `oom`, `killedPid`,
 * `killedProcess`, `memoryKb` (anon-rss freed), `totalVmKb`; `… invoked oom-killer` is `warn` with
 * `oomInvoker`; a segfault is `error` with `segfault` and the crashed process in
 * `killedPid`/`killedProcess` (the kernel logs it at info, but a crashed process is an error in a
 * postmortem); `Kernel panic` is `fatal`; `Linux version …` marks a boot (`boot: true`, `notice`).
 *
 * @example kernelAttrs('Out of memory: Killed process 1234 (java) total-vm:9000kB, anon-rss:500kB', attrs) // 'error'
 */
export function kernelAttrs(message: string, attrs: Attrs): Level | undefined {
  const i = skipUptime(message);
  const c = message.charCodeAt(i);
  if (c === 79 && message.startsWith('Out of memory', i)) {
    // `Out of memory: Killed process …` and the older `Out of memory: Kill process … or sacrifice child`
    const colon = message.indexOf(': ', i + 13);
    const level = colon >= 0 && colon < i + 40 ? killed(message, colon + 2, attrs) : undefined;
    attrs.oom = true;
    return level ?? 'error';
  }
  if (c === 77 && message.startsWith('Memory cgroup out of memory: ', i)) {
    attrs.oom = true;
    return killed(message, i + 29, attrs) ?? 'error';
  }
  if (c === 75) {
    if (message.startsWith('Kernel panic', i)) {
      attrs.panic = true;
      return 'fatal';
    }
    return killed(message, i, attrs);
  }
  if (c === 111) {
    if (message.startsWith('oom-kill:', i)) return oomKillSummary(message, i, attrs);
    if (message.startsWith('oom_reaper: reaped process ', i)) {
      if (pidAndName(message, i + 27, attrs) < 0) return undefined;
      attrs.oom = true;
      return 'notice';
    }
  }
  if (c === 76 && message.startsWith('Linux version ', i)) {
    attrs.boot = true;
    const sp = message.indexOf(' ', i + 14);
    attrs.kernelVersion = message.slice(i + 14, sp < 0 ? undefined : sp);
    return 'notice';
  }
  const invoked = message.indexOf(' invoked oom-killer:', i);
  if (invoked > i) {
    attrs.oom = true;
    attrs.oomInvoker = message.slice(i, invoked);
    return 'warn';
  }
  const seg = message.indexOf(': segfault at ', i);
  if (seg > i && message.charCodeAt(seg - 1) === 93) {
    const open = message.lastIndexOf('[', seg);
    let pid = open > i && seg - 1 > open + 1 ? 0 : -1;
    for (let j = open + 1; pid >= 0 && j < seg - 1; j++) {
      const c = message.charCodeAt(j);
      pid = isDigit(c) && j - open <= 10 ? pid * 10 + (c - 48) : -1;
    }
    if (pid >= 0) {
      attrs.segfault = true;
      attrs.killedProcess = message.slice(i, open);
      attrs.killedPid = pid;
      return 'error';
    }
  }
  return undefined;
}
