import { describe, expect, it } from 'vitest';
import { detectFormat } from '../detect.js';
import { createParseContext } from '../parse-context.js';
import { hpc } from './hpc.js';

const ctx = () => createParseContext({});
const iso = (ts: number | undefined) => new Date(ts ?? NaN).toISOString();

describe('hpc', () => {
  it('reads record id, node, component, state, epoch time, flag and message', () => {
    const e = hpc.parse(
      '134681 node-246 unix.hw state_change.unavailable 1077804742 1 Component State Change: Component \\042alt0\\042 is in the unavailable state (HWID=1973)',
      ctx(),
    );
    expect(iso(e?.ts)).toBe('2004-02-26T14:12:22.000Z');
    expect(e?.zoned).toBe(true);
    expect(e?.tsText).toBe('1077804742');
    expect(e?.level).toBe('warn');
    // The `\042` escapes are the data's own: kept as written.
    expect(e?.message).toBe(
      'Component State Change: Component \\042alt0\\042 is in the unavailable state (HWID=1973)',
    );
    expect(e?.attrs).toEqual({
      logId: 134681,
      node: 'node-246',
      component: 'unix.hw',
      state: 'state_change.unavailable',
      flag: 1,
    });
  });

  it('takes the level from failure states only', () => {
    const level = (component: string, state: string) =>
      hpc.parse(`1 node-1 ${component} ${state} 1077804742 1 x`, ctx())?.level;
    expect(level('clusterfilesystem', 'fdmn.panic')).toBe('critical');
    expect(level('action', 'error')).toBe('error');
    expect(level('boot_cmd', 'abort')).toBe('error');
    expect(level('unix.hw', 'net.niff.down')).toBe('warn');
    expect(level('node', 'status')).toBeUndefined();
    expect(level('node', 'constructor')).toBeUndefined();
  });

  it('reads negative flags, numeric nodes and empty messages', () => {
    expect(hpc.parse('2286759 full partition status 1061219795 -1 running', ctx())?.attrs).toEqual({
      logId: 2286759,
      node: 'full',
      component: 'partition',
      state: 'status',
      flag: -1,
    });
    const bare = hpc.parse('2566692 1897 boot_cmd new 1073991950 1', ctx());
    expect(bare?.message).toBe('');
    expect(bare?.attrs?.node).toBe('1897');
  });

  it("rejects other formats' lines and is detected on its own, as an unordered format", () => {
    for (const line of [
      '- 1117838570 2005.06.03 R02-M1-N0 2005-06-03-15.42.50.675872 R02-M1-N0 RAS KERNEL INFO x',
      '12345 items processed in 20 batches',
      '1795376442 INFO started',
      '134681 node-246 unix.hw state 1077804742 one flag',
      '134681 node-246 unix.hw 1077804742 1 missing state',
      '134681 node-246 unix.hw state 17 1 short time',
    ]) {
      expect(hpc.parse(line, ctx()), line).toBeNull();
    }
    const sample = [
      '134681 node-246 unix.hw state_change.unavailable 1077804742 1 Component State Change',
      '2567354 node-147 node status 1074098611 1 not responding',
    ];
    expect(detectFormat(sample, ctx()).format?.id).toBe('hpc');
    expect(hpc.unordered).toBe(true);
  });
});
