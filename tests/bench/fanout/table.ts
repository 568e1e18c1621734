/** One line of a benchmark's table: a figure, what was measured, its target and the verdict. */
export interface Row {
  figure: string;
  measured: string;
  target: string;
  result: 'OK' | 'MISS' | 'PASS' | 'FAIL' | '';
}

export function formatTable(table: Row[]): string {
  const headers: Row = { figure: 'figure', measured: 'measured', target: 'target', result: '' };
  const widths = (['figure', 'measured', 'target'] as const).map((key) =>
    Math.max(...[headers, ...table].map((row) => row[key].length)),
  );
  const line = (row: Row) =>
    [
      row.figure.padEnd(widths[0] ?? 0),
      row.measured.padStart(widths[1] ?? 0),
      row.target.padEnd(widths[2] ?? 0),
      row.result,
    ]
      .join('  ')
      .trimEnd();
  return [
    line(headers),
    '-'.repeat((widths[0] ?? 0) + (widths[1] ?? 0) + (widths[2] ?? 0) + 10),
    ...table.map(line),
  ].join('\n');
}
