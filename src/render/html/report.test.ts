import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EVIL, smallAnalysis } from '../../../test/fixtures/report/small-analysis.js';
import { renderReport } from './report.js';
import type { ReportOptions } from './types.js';

const assets = {
  uplotJs: 'var uPlot = function () {};',
  uplotCss: '.uplot{}',
  mermaidJs: 'var mermaid = {};',
};
const options: ReportOptions = { assets, generatedAt: new Date('2026-03-03T00:00:00Z') };

const scriptsOf = (page: string): { attrs: string; body: string }[] =>
  [...page.matchAll(/<script([^>]*)>([^]*?)<\/script>/g)].map((m) => ({
    attrs: m[1] ?? '',
    body: m[2] ?? '',
  }));

describe('renderReport', () => {
  const page = renderReport({
    analysis: smallAnalysis(),
    document: {
      markdown: `# Title\n\n## Summary\n\n${EVIL} key sk-proj-abcdefghijklmnopqrstuvwx12\n`,
    },
    findings: [{ ruleId: 'r', severity: 'warning', message: EVIL, line: 3, column: 1 }],
    options,
  });

  it('lets no log text become markup', () => {
    const scripts = scriptsOf(page);
    // The data block and our two scripts: Mermaid only comes with diagrams.
    expect(scripts.map((s) => s.attrs)).toEqual([
      ' type="application/json" id="report-data"',
      '',
      '',
    ]);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('window.__pwned=1</script>');
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;');
  });

  it('puts the chart data in a JSON block no line can end', () => {
    const data = scriptsOf(page)[0]!.body;
    expect(data).not.toContain('<');
    const parsed = JSON.parse(data) as { charts: unknown[]; markers: { label: string }[] };
    expect(parsed.charts).toHaveLength(4);
    expect(parsed.markers.map((m) => m.label)).toContain('deploy </script><scr…');
  });

  it('allows exactly its own scripts by hash, and no network', () => {
    const csp = (
      /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1] ?? ''
    ).replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    const hashes = [...csp.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]);
    const bodies = scriptsOf(page)
      .slice(1)
      .map((s) => createHash('sha256').update(s.body).digest('base64'));
    expect(hashes).toEqual(bodies);
  });

  it('redacts secrets by default and not when told', () => {
    expect(page).not.toContain('sk-proj-abcdefghijklmnopqrstuvwx12');
    expect(page).toContain('key [REDACTED]');
    const raw = renderReport({
      analysis: smallAnalysis(),
      document: { markdown: 'key sk-proj-abcdefghijklmnopqrstuvwx12' },
      options: { ...options, redact: false },
    });
    expect(raw).toContain('sk-proj-abcdefghijklmnopqrstuvwx12');
  });

  it('inlines Mermaid only for a document with diagrams, and says so when it cannot', () => {
    const doc = { markdown: '# T\n\n```mermaid\nflowchart LR\n  a --> b\n```\n' };
    const withMermaid = renderReport({ analysis: smallAnalysis(), document: doc, options });
    expect(withMermaid).toContain(assets.mermaidJs);
    const without = renderReport({
      analysis: smallAnalysis(),
      document: doc,
      options: { ...options, assets: { uplotJs: '', uplotCss: '' } },
    });
    expect(without).toContain('made without Mermaid: its diagrams show as their source');
  });

  it('is the same page for the same input', () => {
    const again = renderReport({
      analysis: smallAnalysis(),
      document: {
        markdown: `# Title\n\n## Summary\n\n${EVIL} key sk-proj-abcdefghijklmnopqrstuvwx12\n`,
      },
      findings: [{ ruleId: 'r', severity: 'warning', message: EVIL, line: 3, column: 1 }],
      options,
    });
    expect(again).toBe(page);
  });

  it('refuses what is not an analysis', () => {
    expect(() => renderReport({ analysis: { schema: 'x' }, options })).toThrow(
      /expected "aftermath\/analysis@1"/,
    );
  });
});
