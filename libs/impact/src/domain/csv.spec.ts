import { describe, expect, it } from '@jest/globals';
import { csvField, csvRecord } from './csv';

describe('csv', () => {
  it('quotes only what RFC 4180 requires, doubling quotes', () => {
    expect(csvField('偏城村')).toBe('偏城村');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(12345)).toBe('12345');
  });

  it('keeps spreadsheets from running text as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@a')).toBe("'@a");
  });

  it('ends records with CRLF', () => {
    expect(csvRecord(['id', '名称', 3])).toBe('id,名称,3\r\n');
  });
});
