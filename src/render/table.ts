/** Plain-text tables for the terminal: aligned columns, the last one free to run long. */

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** Visible width, ignoring ANSI colour codes. */
export function visibleWidth(s: string): number {
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}

export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...rows.map((r) => visibleWidth(r[i] ?? ''))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => {
        if (i === cells.length - 1 && columns[i]?.align !== 'right') return cell;
        const pad = ' '.repeat(Math.max(0, widths[i]! - visibleWidth(cell)));
        return columns[i]?.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)].join('\n') + '\n';
}
