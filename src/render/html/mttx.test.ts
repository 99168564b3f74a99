import { describe, expect, it } from 'vitest';
import { smallAnalysis } from '../../../test/fixtures/report/small-analysis.js';
import { mttxBar } from './mttx.js';

describe('mttxBar', () => {
  it('draws a segment per stage reached, sized by its time, and says which are unknown', () => {
    const out = mttxBar(smallAnalysis().mttx).value;
    const widths = [...out.matchAll(/style="width:([\d.]+)%/g)].map((m) => Number(m[1]));
    // 48 s to detect, 90 s to mitigate (acknowledgement unknown), 12 s to resolve, of 150 s.
    expect(widths).toEqual([32, 60, 8]);
    expect(out).toContain('mitigate 1 min 30 s (acknowledged unknown)');
    expect(out).toMatch(
      /class="stage unknown">\s*<span class="stage-name">acknowledged<\/span>\s*<span class="stage-time">unknown<\/span>/,
    );
  });

  it('shows an unknown end as unknown, not as nothing', () => {
    const m = smallAnalysis().mttx;
    m.mitigated = { ts: null, how: 'no mitigation found', evidence: [] };
    m.resolved = { ts: null, how: 'no recovery found', evidence: [] };
    const out = mttxBar(m).value;
    expect(out).toMatch(
      /<div class="seg seg-unknown">\s*<span>acknowledged, mitigated, resolved: unknown<\/span>/,
    );
    expect(out).toContain('no recovery found');
  });

  it('draws no bar without a start', () => {
    const m = smallAnalysis().mttx;
    m.started = { ts: null, how: 'no onset', evidence: [] };
    expect(mttxBar(m).value).toMatch(/^<p class="empty">\s*The incident's start is unknown/);
  });
});
