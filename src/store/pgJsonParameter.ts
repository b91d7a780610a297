// A json parameter for node-postgres, built as bytes. Given a string, node-postgres measures it
// (Buffer.byteLength) and encodes it; a string joined from thousands of templated rows is a rope that both must
// flatten first: 13 ms for 1,000 nudge rows (1.8 MB), against 3.5 ms encoding each row on its own
// (2026-12-07, the AMD EPYC). A Buffer goes out as is, in the binary format, which for `json` is its UTF-8 text.

/** `[row,row,...]` as UTF-8 bytes, for a `$n::json` parameter; each row is one JSON value's text. */
export function jsonArrayParameter(rows: readonly string[]): Buffer {
  const parts: Buffer[] = new Array<Buffer>(rows.length * 2 + 1);
  parts[0] = OPEN;
  for (let i = 0; i < rows.length; i++) {
    parts[2 * i + 1] = Buffer.from(rows[i]!, 'utf8');
    parts[2 * i + 2] = i === rows.length - 1 ? CLOSE : COMMA;
  }
  if (rows.length === 0) parts.push(CLOSE);
  return Buffer.concat(parts);
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');
