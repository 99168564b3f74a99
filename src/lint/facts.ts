/** Views of a document that several rules need, computed once per lint run and only when asked for. */
import { LineIndex } from '../document/span.js';
import type { PostmortemDocument, Span } from '../document/index.js';
import type { LintSettings } from './define-rule.js';
import { findBlame, type BlameHit } from './text/blame.js';
import { People } from './text/people.js';
import { proseSentences, type Sentence } from './text/prose.js';

export interface SentenceBlame {
  sentence: Sentence;
  hits: BlameHit[];
}

export class DocumentFacts {
  private cache = new Map<string, unknown>();
  constructor(
    readonly document: PostmortemDocument,
    readonly settings: LintSettings,
  ) {}

  private once<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }

  /** Prose sentences: no code, blockquotes or quoted strings. */
  get sentences(): Sentence[] {
    return this.once('sentences', () => proseSentences(this.document));
  }

  /** People the document names: front-matter authors and reviewers, and the config's list. */
  get people(): People {
    return this.once('people', () => {
      const d = this.document.frontMatter?.data;
      return new People([
        ...(d?.authors ?? []),
        ...(d?.reviewers ?? []),
        ...this.settings.phrases.people,
      ]);
    });
  }

  /** Blame hits per sentence; sentences holding an allowed phrase are left out. */
  get blame(): SentenceBlame[] {
    return this.once('blame', () => {
      const allow = this.settings.phrases.allow.map((a) => a.toLowerCase());
      const out: SentenceBlame[] = [];
      for (const sentence of this.sentences) {
        const lower = sentence.text.toLowerCase();
        if (allow.some((a) => lower.includes(a))) continue;
        const hits = findBlame(sentence.text, this.people);
        if (hits.length > 0) out.push({ sentence, hits });
      }
      return out;
    });
  }

  /** The document span of characters [start, end) of a sentence. */
  span(sentence: Sentence, start: number, end: number): Span {
    const a = sentence.offsets[start] ?? sentence.offsets[0] ?? 0;
    const last = sentence.offsets[Math.max(start, end - 1)] ?? a;
    return this.lines.span(a, Math.max(a, last + 1));
  }

  /** Offset → line/column for spans the parser does not give. */
  get lines(): LineIndex {
    return this.once('lines', () => new LineIndex(this.document.text));
  }
}
