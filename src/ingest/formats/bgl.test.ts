import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../core/zone.js';
import { detectFormat } from '../detect.js';
import { createParseContext } from '../parse-context.js';
import { bgl } from './bgl.js';

// The zone must not matter: the epoch seconds carry the instant.
const ctx = () => createParseContext({ zone: resolveZone('Europe/Berlin')! });
const iso = (ts: number | undefined) => new Date(ts ?? NaN).toISOString();

describe('bgl', () => {
  it('reads the instant from the epoch seconds and the microseconds from the local time', () => {
    const e = bgl.parse(
      '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected',
      ctx(),
    );
    expect(iso(e?.ts)).toBe('2005-06-03T22:42:50.675Z');
    expect(e?.ts).toBeCloseTo(Date.UTC(2005, 5, 3, 22, 42, 50, 675) + 0.872, 6);
    expect(e?.zoned).toBe(true);
    expect(e?.tsText).toBe('1117838570');
    expect(e?.level).toBe('info');
    expect(e?.message).toBe('instruction cache parity error corrected');
    expect(e?.attrs).toEqual({
      label: '-',
      node: 'R02-M1-N0-C:J12-U11',
      type: 'RAS',
      component: 'KERNEL',
      severity: 'INFO',
    });
  });

  it('keeps the alert label as ground truth and maps every severity', () => {
    const e = bgl.parse(
      'KERNDTLB 1118536327 2005.06.11 R30-M0-N9-C:J16-U01 2005-06-11-17.32.07.581048 R30-M0-N9-C:J16-U01 RAS KERNEL FATAL data TLB error interrupt',
      ctx(),
    );
    expect(e?.attrs).toMatchObject({ label: 'KERNDTLB', alert: 'KERNDTLB' });
    expect(e?.level).toBe('fatal');
    const level = (word: string) =>
      bgl.parse(
        `- 1117838570 2005.06.03 R02-M1-N0 2005-06-03-15.42.50.000000 R02-M1-N0 NULL DISCOVERY ${word} x`,
        ctx(),
      )?.level;
    expect(['INFO', 'WARNING', 'SEVERE', 'ERROR', 'FATAL', 'FAILURE'].map(level)).toEqual([
      'info',
      'warn',
      'error',
      'error',
      'fatal',
      'fatal',
    ]);
    // An unknown severity leaves the level to the default.
    expect(level('NOTE')).toBeUndefined();
  });

  it('leaves out NULL fields, keeps a differing second location, reads a missing message', () => {
    const e = bgl.parse(
      '- 1123110662 2005.08.03 NULL 2005-08-03-16.11.02.839771 NULL RAS MMCS ERROR idoproxydb hit ASSERT condition',
      ctx(),
    );
    expect(e?.attrs).toEqual({ label: '-', type: 'RAS', component: 'MMCS', severity: 'ERROR' });
    const bare = bgl.parse(
      'KERNMNTF 1117838570 2005.06.03 R04-M1-N4-I:J18-U11 2005-06-03-15.42.50.000000 R04-M1-N4-C:J03-U01 RAS KERNEL FATAL',
      ctx(),
    );
    expect(bare?.message).toBe('');
    expect(bare?.attrs).toMatchObject({ nodeRepeat: 'R04-M1-N4-C:J03-U01' });
  });

  it('takes the epoch alone when the two clocks name different seconds', () => {
    const e = bgl.parse(
      '- 1117838570 2005.06.03 R02-M1-N0 2005-06-03-15.42.53.500000 R02-M1-N0 RAS KERNEL INFO x',
      ctx(),
    );
    expect(iso(e?.ts)).toBe('2005-06-03T22:42:50.000Z');
  });

  it("rejects other formats' lines and is detected on its own", () => {
    for (const line of [
      '134681 node-246 unix.hw state_change.unavailable 1077804742 1 Component State Change',
      '- - - [22/Nov/2026:19:37:36 +0000] "GET / HTTP/1.1" 200 1',
      'INFO 1117838570 started',
      '- 1117838570 2005.06.03 R02 2005-06-03 15:42:50 R02 RAS KERNEL INFO x',
      'kern 1117838570 2005.06.03 R02 2005-06-03-15.42.50.675872 R02 RAS KERNEL INFO x',
      '- 1117838570 2005.06.03 R02 2005-06-03-15.42.50.675872',
    ]) {
      expect(bgl.parse(line, ctx()), line).toBeNull();
    }
    const sample = [
      '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected',
      'APPREAD 1117869872 2005.06.04 R04-M1-N4-I:J18-U11 2005-06-04-00.24.32.432192 R04-M1-N4-I:J18-U11 RAS APP FATAL ciod: failed to read message prefix',
    ];
    expect(detectFormat(sample, ctx()).format?.id).toBe('bgl');
  });
});
