import { describe, expect, it } from 'vitest';
import { smallAnalysis } from '../../../test/fixtures/report/small-analysis.js';
import { sharedFolder, shortenSources } from './source-names.js';

describe('sharedFolder', () => {
  it.each([
    [['/a/b/nginx/access.log', '/a/b/app/app.log'], '/a/b/'],
    [['/a/b/x.log', '/a/bc/y.log'], '/a/'],
    [['logs/a.log', 'logs/b.log'], 'logs/'],
    [['nginx', '/a/app.log'], ''],
    [['/x.log', '/y.log'], '/'],
    [[], ''],
  ])('%j → %j', (names, folder) => {
    expect(sharedFolder(names)).toBe(folder);
  });
});

describe('shortenSources', () => {
  it('renames every source alike and leaves named sources alone', () => {
    const a = smallAnalysis();
    expect(shortenSources(a).folder).toBe('');
    const long = (s: string): string => `/data/case/${s}`;
    a.sources = a.sources.map((s) => ({ ...s, source: long(s.source) }));
    a.moments = a.moments.map((m) => ({ ...m, source: long(m.source) }));
    a.series = a.series.map((s) => ({ ...s, source: long(s.source) }));
    a.mttx.started.source = long('edge');
    const { analysis, folder } = shortenSources(a);
    expect(folder).toBe('/data/case/');
    expect(analysis.sources.map((s) => s.source)).toEqual(['app', 'edge']);
    expect(analysis.moments.map((m) => m.source)).toContain('alertmanager');
    expect(analysis.series.map((s) => s.source)).toEqual(['app', 'edge']);
    expect(analysis.mttx.started.source).toBe('edge');
    expect(analysis.mttx.timeToDetectSeconds).toBe(48);
  });
});
