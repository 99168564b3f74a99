import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';

const rule = 'root-cause-person';
const doc = (body: string): string => `# X\n\n## Root cause\n\n${body}\n`;

describe(rule, () => {
  it("reports a person's action given as the root cause", () => {
    expect(ids(rule, doc('The engineer ran the migration against production.'))).toEqual([
      'personAction',
    ]);
    expect(
      ids(
        rule,
        doc('Some context.\n\nThe outage happened because the developer deployed on Friday.'),
      ),
    ).toEqual(['personAction']);
  });

  it('accepts conditions, and what people thought at the time', () => {
    expect(ids(rule, doc('The pool size is a free-form setting with no range check.'))).toEqual([]);
    expect(ids(rule, doc('The engineer making the change thought the trigger was safe.'))).toEqual(
      [],
    );
    expect(
      ids(
        rule,
        doc('The script ran with production credentials. The engineer ran it from a laptop.'),
      ),
    ).toEqual([]);
  });
});
