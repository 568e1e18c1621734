/**
 * A day's list of bookings as CSV (`time,patient,note`, RFC 4180 quoting, an optional header line):
 * each line's cells, numbered as the file counts lines, so a preview can say "line 4: …".
 */
export interface CsvLine {
  line: number;
  cells: string[];
}

export function parseCsv(text: string): CsvLine[] {
  const lines: CsvLine[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  const endLine = () => {
    cells.push(cell);
    if (cells.some((value) => value.trim() !== '')) lines.push({ line: startLine, cells });
    cells = [];
    cell = '';
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      endLine();
      line++;
      startLine = line;
    } else cell += char;
  }
  endLine();
  return withoutHeader(lines);
}

/** A first line that names the columns is not a booking. */
function withoutHeader(lines: CsvLine[]): CsvLine[] {
  const first = lines[0]?.cells[0]?.trim().toLowerCase();
  return first === 'time' ? lines.slice(1) : lines;
}
