import { describe, expect, it } from 'vitest';
import { parseCsv } from './appointment-csv';

describe('parseCsv', () => {
  it('reads lines, quoted cells and skips the header and blank lines', () => {
    const text =
      'time,patient,note\r\n09:00,ana@example.org,\n\n"09:30","bo@example.org","left knee, ""bad"""\n';
    expect(parseCsv(text)).toEqual([
      { line: 2, cells: ['09:00', 'ana@example.org', ''] },
      { line: 4, cells: ['09:30', 'bo@example.org', 'left knee, "bad"'] },
    ]);
  });

  it('numbers a line after a quoted cell that spans two', () => {
    expect(parseCsv('"a\nb",x\n10:00,y').map((line) => line.line)).toEqual([1, 3]);
  });
});
