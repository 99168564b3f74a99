import { describe, expect, it } from 'vitest';
import { renderDocument } from './document-html.js';

const DOC = `---
title: Checkout outage
---

# Checkout outage

## Summary

Text <script>alert(1)</script> and <img src=x onerror="alert(2)">.
[link](javascript:alert(3)) [ok](https://example.com/x) ![img](https://example.com/a.png)

## Timeline

| Time (UTC) | Event |
| --- | --- |
| 2026-03-02 10:05 | Deploy |
| HH:mm | TBD |

\`\`\`mermaid
flowchart LR
  a --> b
\`\`\`
`;

describe('renderDocument', () => {
  const r = renderDocument(DOC);

  it('drops raw HTML and script URLs, keeps ordinary links', () => {
    expect(r.html).not.toMatch(/<script|onerror|javascript:/i);
    expect(r.html).toContain('href="https://example.com/x"');
  });

  it('moves headings one level down and leaves out the front matter', () => {
    expect(r.html).toContain('<h2>Checkout outage</h2>');
    expect(r.html).toContain('<h3>Summary</h3>');
    expect(r.html).not.toContain('title: Checkout');
  });

  it('wraps Mermaid blocks in a figure, keeping their source', () => {
    expect(r.hasDiagrams).toBe(true);
    expect(r.html).toMatch(
      /<figure class="diagram"><pre><code class="language-mermaid">flowchart LR\n {2}a --> b\n<\/code><\/pre><figcaption/,
    );
    expect(renderDocument('# x\n\n```js\n1\n```\n').hasDiagrams).toBe(false);
  });

  it('gives the title and the timeline rows that have a time', () => {
    expect(r.title).toBe('Checkout outage');
    expect(r.rows).toEqual([
      { ms: Date.parse('2026-03-02T10:05:00Z'), time: '2026-03-02 10:05', event: 'Deploy' },
    ]);
  });
});
