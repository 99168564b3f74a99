/** One zod schema per known front-matter field, so one wrong field never discards the others. */
import { z } from 'zod';
import {
  DATE_FIELDS,
  LIST_FIELDS,
  STATUSES,
  TIME_FIELDS,
  type FrontMatterData,
  type Status,
  type TimeValue,
} from './front-matter-types.js';
import { readIsoTime } from './time-text.js';

const text = z.union([z.string(), z.number()]).transform(String);

/** A YAML list of names; checked on its own so that a wrong item is reported at the item. */
export const nameList = z.array(text);

/** `a, b` or `[a, b]` → a list of strings. */
const list = z.union([
  z.string().transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  ),
  z.array(text),
]);

const status = z
  .string()
  .transform((s) =>
    s
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-'),
  )
  .pipe(z.enum(STATUSES));

function time(dateAllowed: boolean): z.ZodType<TimeValue, string> {
  return z.string().transform((raw, ctx): TimeValue => {
    const t = readIsoTime(raw);
    if (!t || (t.dateOnly && !dateAllowed)) {
      ctx.addIssue({
        code: 'custom',
        message: dateAllowed
          ? `expected an ISO 8601 date or time, got "${raw}"`
          : `expected an ISO 8601 time with a zone (2026-11-22T19:37:00Z), got "${raw}"`,
      });
      return z.NEVER;
    }
    return t;
  });
}

/** `sev 2`, `Sev-2`, `p1` → the scale's own spelling; undefined when not on the scale. */
export function normaliseSeverity(value: string, scale: readonly string[]): string | undefined {
  const key = (s: string): string => s.toUpperCase().replace(/[\s_-]+/g, '');
  const k = key(value);
  return scale.find((s) => key(s) === k);
}

function severity(scale: readonly string[]): z.ZodType<string, unknown> {
  return text.transform((raw, ctx) => {
    const s = normaliseSeverity(raw, scale);
    if (s === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `expected one of ${scale.join(', ')}, got "${raw}"`,
      });
      return z.NEVER;
    }
    return s;
  });
}

export type KnownField = Exclude<keyof FrontMatterData, 'extra'>;

export function fieldSchemas(
  scale: readonly string[],
): Readonly<Record<KnownField, z.ZodType<unknown, unknown>>> {
  const schemas: Partial<Record<KnownField, z.ZodType<unknown, unknown>>> = {
    id: text,
    title: text,
    status: status as z.ZodType<Status, unknown>,
    severity: severity(scale),
  };
  for (const f of LIST_FIELDS) schemas[f] = list;
  for (const f of TIME_FIELDS) schemas[f] = time(false) as z.ZodType<unknown, unknown>;
  for (const f of DATE_FIELDS) schemas[f] = time(true) as z.ZodType<unknown, unknown>;
  return schemas as Record<KnownField, z.ZodType<unknown, unknown>>;
}

export const KNOWN_FIELDS: ReadonlySet<string> = new Set<string>([
  'id',
  'title',
  'status',
  'severity',
  ...LIST_FIELDS,
  ...TIME_FIELDS,
  ...DATE_FIELDS,
]);
