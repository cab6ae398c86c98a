import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { beijingTime, xlsxReport, yuanOf } from './xlsx-sheet';

describe('report spreadsheets', () => {
  it('turns fen into yuan exactly, also past 2^53 and below zero', () => {
    expect([yuanOf(0), yuanOf(1), yuanOf(10), yuanOf(2555), yuanOf(-1201), yuanOf('123456789')]).toEqual([0, 0.01, 0.1, 25.55, -12.01, 1234567.89]);
    // 0.07 * 100 is 7.000000000000001 in doubles; the other way round must not drift.
    expect(yuanOf(7)).toBe(0.07);
    expect(yuanOf(2n ** 60n)).toBe(Number('11529215046068469.76'));
  });

  it('writes Beijing time', () => {
    expect(beijingTime(new Date('2026-12-03T16:30:00Z'))).toBe('2026-12-04 00:30');
  });

  it('lays out a title, a header, the rows and exact totals, with the number formats', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ name: `村${i}`, n: 1, fen: 1 + (i % 3) * 1_000_000_000_001 }));
    const bytes = await xlsxReport({
      sheet: 'S',
      title: '报表',
      county: '涉县',
      range: '2026-01 至 2026-02',
      madeAt: new Date('2026-12-03T13:00:00Z'),
      columns: [
        { header: '村', kind: 'text', value: (r) => r.name },
        { header: '数', kind: 'count', value: (r) => r.n },
        { header: '元', kind: 'yuan', value: (r) => r.fen },
        { header: '率', kind: 'rate', value: () => 1234 },
      ],
      rows,
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as never);
    const sheet = book.worksheets[0];
    expect(sheet.getCell(1, 1).value).toBe('报表　县：涉县　期间：2026-01 至 2026-02　制表时间：2026-12-03 21:00（北京时间）');
    expect(sheet.getRow(2).values).toEqual([undefined, '村', '数', '元', '率']);
    expect(sheet.getRow(3).values).toEqual([undefined, '村0', 1, 0.01, 0.1234]);
    const fen = rows.reduce((a, r) => a + BigInt(r.fen), 0n);
    expect(sheet.getRow(1003).values).toEqual([undefined, '合计', 1000, yuanOf(fen)]);
    expect([sheet.getCell(3, 2).numFmt, sheet.getCell(3, 3).numFmt, sheet.getCell(3, 4).numFmt]).toEqual(['#,##0', '#,##0.00', '0.00%']);
  });
});
