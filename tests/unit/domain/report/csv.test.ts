import { csvField, csvFileBytes, toCsv } from '../../../../src/domain/report/index.js';
import { parseCsv } from '../../../support/csv.js';

describe('CSV (RFC 4180)', () => {
  test('quotes only fields with a comma, a quote or a line break, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(42)).toBe('42');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(new Date('2026-03-02T09:00:00Z'))).toBe('2026-03-02T09:00:00.000Z');
  });

  test('text that a spreadsheet would run as a formula is defused', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@me')).toBe("'@me");
  });

  test('CRLF line ends, header first, and a round trip through an independent reader', () => {
    const rows = [
      ['1', 'Daniel, "Dan" Reyes', 'line one\r\nline two'],
      ['2', '', 'x'],
    ];
    const text = toCsv(['id', 'name', 'note'], rows);
    expect(text.startsWith('id,name,note\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([['id', 'name', 'note'], ...rows]);
  });

  test('a row with the wrong number of fields is a bug, not a silent shift', () => {
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow('1 fields, header 2');
  });

  test('a CSV file starts with the UTF-8 byte order mark (EF BB BF), so Excel reads "José" as José', () => {
    const bytes = csvFileBytes(toCsv(['name', 'formula'], [['José Núñez', '=1+1']]));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toBe("name,formula\r\nJosé Núñez,'=1+1\r\n"); // quoting and formula escaping as before
    expect(bytes.subarray(3).includes(Buffer.from('José', 'utf8'))).toBe(true);
    // a reader that honours the mark (as Excel does) sees the header's first field as written
    expect(parseCsv(new TextDecoder('utf-8').decode(bytes))[0]).toEqual(['name', 'formula']);
  });
});
