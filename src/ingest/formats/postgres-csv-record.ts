/** Reads csvlog records one physical line at a time: quoted fields may hold line breaks. */

/** Where a record stands between physical lines. */
export interface CsvCursor {
  /** Index of the field being read (0 is log_time). */
  field: number;
  /** The value so far of a quoted field still open at the end of the last line. */
  open: string | undefined;
}

export type FieldSink = (index: number, value: string) => void;

// csvlog has 26 columns at most; a line with far more commas is not a record and is not split.
const MAX_FIELDS = 64;

/**
 * Reads the fields of `line` from `i` on, continuing `cursor`, and hands each field that ends on
 * this line to `sink`. Returns true when the record ends with this line, false when a quoted field
 * runs on to the next one (then `cursor.open` holds its text so far).
 */
export function readCsvLine(line: string, i: number, cursor: CsvCursor, sink: FieldSink): boolean {
  let j = i;
  if (cursor.open !== undefined) {
    // The line break was part of the open field's value.
    j = quoted(line, j, cursor, cursor.open + '\n');
    if (j < 0) return false;
    j = closeField(line, j, cursor, sink);
    if (j < 0) return true;
  }
  while (cursor.field < MAX_FIELDS) {
    if (line.charCodeAt(j) === 34) {
      j = quoted(line, j + 1, cursor, '');
      if (j < 0) return false;
      j = closeField(line, j, cursor, sink);
      if (j < 0) return true;
      continue;
    }
    const comma = line.indexOf(',', j);
    sink(cursor.field++, comma < 0 ? line.slice(j) : line.slice(j, comma));
    if (comma < 0) return true;
    j = comma + 1;
  }
  return true;
}

/** Hands over the quoted field that closed before `j`; the start of the next field, or -1 at the end. */
function closeField(line: string, j: number, cursor: CsvCursor, sink: FieldSink): number {
  const value = cursor.open ?? '';
  cursor.open = undefined;
  sink(cursor.field++, value);
  // Anything between a closing quote and the next comma is malformed; it is skipped.
  const comma = line.indexOf(',', j);
  return comma < 0 ? -1 : comma + 1;
}

/**
 * Reads quoted text from `j` (inside the quotes) after `text` into `cursor.open`; returns the
 * index past the closing quote, or -1 when the field runs on past this line.
 */
function quoted(line: string, j: number, cursor: CsvCursor, text: string): number {
  let value = text;
  let k = j;
  for (;;) {
    const q = line.indexOf('"', k);
    if (q < 0) {
      cursor.open = value + line.slice(k);
      return -1;
    }
    value += line.slice(k, q);
    if (line.charCodeAt(q + 1) === 34) {
      value += '"';
      k = q + 2;
      continue;
    }
    cursor.open = value;
    return q + 1;
  }
}
