import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, markup, scriptText, trusted } from './escape.js';

describe('markup', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const evil = `"><script>x</script>'&`;
    expect(markup`<a title="${evil}">${evil}</a>`.value).toBe(
      '<a title="&quot;&gt;&lt;script&gt;x&lt;/script&gt;&#39;&amp;">&quot;&gt;&lt;script&gt;x&lt;/script&gt;&#39;&amp;</a>',
    );
  });

  it('nests safe fragments and arrays without escaping them twice', () => {
    const items = ['<b>', 'c&d'].map((s) => markup`<li>${s}</li>`);
    expect(markup`<ul>${items}</ul>`.value).toBe('<ul><li>&lt;b&gt;</li><li>c&amp;d</li></ul>');
    expect(markup`${trusted('<br>')}${null}${undefined}${false}${0}`.value).toBe('<br>0');
  });

  it('escapes the five characters', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('jsonForScript', () => {
  it('cannot end its script element and still parses to the same value', () => {
    const value = { line: '</script><!--<script>\u2028x' };
    const text = jsonForScript(value);
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('scriptText', () => {
  it('spells script tags so the HTML parser does not see them, meaning the same to JavaScript', () => {
    const js = `var a = "</script>", b = /<script>/i, c = '<SCRIPT';`;
    const safe = scriptText(js);
    expect(safe).not.toMatch(/<\/?script/i);
    const run = (code: string): unknown[] =>
      new Function(`${code}; return [a, b.test('<script>'), b.test('<x>'), c];`)() as unknown[];
    expect(run(safe)).toEqual(run(js));
  });
});
