export type CsvCell = string | number | boolean | Date | null | undefined;

/** One field as RFC 4180 wants it: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  // A leading =, +, - or @ makes spreadsheets run the cell as a formula: prefix a quote (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180: CRLF line ends, a header row, every row as many fields as the header. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`CSV row has ${row.length} fields, header ${header.length}`);
    lines.push(row.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The UTF-8 byte order mark. Excel on Windows reads a CSV file as UTF-8 only when the file starts with it. */
export const UTF8_BOM = '\uFEFF';

/** A CSV file as written or uploaded: the byte order mark (EF BB BF), then the RFC 4180 text in UTF-8. */
export function csvFileBytes(text: string): Buffer {
  return Buffer.from(UTF8_BOM + text, 'utf8');
}
