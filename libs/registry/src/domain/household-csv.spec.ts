import { describe, expect, it } from '@jest/globals';
import { PovertyCategory, PovertyStatus } from './enums';
import { IMPORT_COLUMNS, parseEffectiveDate, parseRow, resolveHeader, slices } from './household-csv';

const now = new Date('2024-05-01T04:00:00Z'); // 12:00 in Beijing
const header = resolveHeader([...IMPORT_COLUMNS]);
if ('error' in header) throw new Error(header.error);
const row = (cells: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>) =>
  IMPORT_COLUMNS.map((c) => cells[c] ?? { registry_number: 'SX-1', head_name: '王秀英', members: '4', village_code: '130426100201', poverty_status: 'REGISTERED_POOR', poverty_category: 'GENERAL', payout_account: '6228480012345678', effective_date: '2016-01-01' }[c]);
const reasonOf = (cells: Parameters<typeof row>[0]) => {
  const r = parseRow(row(cells), header.index, 2, now);
  return 'reason' in r ? r.reason : null;
};

describe('the import header', () => {
  it('finds the columns in any order, whatever the case and spacing, ignoring extra columns', () => {
    const r = resolveHeader([' Effective_Date', 'note', ...IMPORT_COLUMNS.filter((c) => c !== 'effective_date').reverse()]);
    expect('index' in r && r.index.effective_date).toBe(0);
    expect('index' in r && r.index.registry_number).toBe(8);
  });

  it('names every missing column, and a repeated one', () => {
    expect(resolveHeader(['registry_number', 'head_name'])).toEqual({
      error: 'The header row lacks the columns members, village_code, poverty_status, poverty_category, payout_account, effective_date',
    });
    expect(resolveHeader([...IMPORT_COLUMNS, 'members'])).toEqual({ error: 'The header names column members twice' });
  });
});

describe('an import row', () => {
  it('is read with its line, trimmed, the date as midnight in China Standard Time', () => {
    expect(parseRow(row({ head_name: ' 王秀英 ', payout_account: '6228 4800 1234 5678' }), header.index, 7, now)).toEqual({
      line: 7,
      registryNumber: 'SX-1',
      headName: '王秀英',
      members: 4,
      villageCode: '130426100201',
      status: PovertyStatus.REGISTERED_POOR,
      category: PovertyCategory.GENERAL,
      payoutAccount: '6228480012345678',
      effectiveAt: new Date('2015-12-31T16:00:00Z'),
    });
  });

  it.each([
    [{ registry_number: '' }, 'registry_number is empty'],
    [{ registry_number: 'SX 1' }, 'registry_number "SX 1" must be 1 to 40 letters, digits or dashes'],
    [{ head_name: ' ' }, 'head_name is empty'],
    [{ members: '0' }, 'members "0" must be a whole number from 1 to 100'],
    [{ members: '-2' }, 'members "-2" must be a whole number from 1 to 100'],
    [{ members: '3.5' }, 'members "3.5" must be a whole number from 1 to 100'],
    [{ members: '101' }, 'members "101" must be a whole number from 1 to 100'],
    [{ village_code: '' }, 'village_code is empty'],
    [{ poverty_status: 'POOR' }, 'poverty_status "POOR" must be one of NOT_REGISTERED, REGISTERED_POOR, EXITED'],
    [{ poverty_category: 'VERY' }, 'poverty_category "VERY" must be empty or one of GENERAL, MINIMUM_SUBSISTENCE, FIVE_GUARANTEE'],
    [{ poverty_category: '' }, 'A REGISTERED_POOR household needs a poverty_category (GENERAL, MINIMUM_SUBSISTENCE or FIVE_GUARANTEE)'],
    [{ poverty_status: 'EXITED' }, 'Only REGISTERED_POOR households have a poverty_category; leave it empty for EXITED'],
    [{ payout_account: '12' }, 'payout_account must be 4 to 64 letters, digits or dashes'],
    [{ effective_date: '2016-02-30' }, 'effective_date "2016-02-30" is not a date (YYYY-MM-DD)'],
    [{ effective_date: '01/02/2016' }, 'effective_date "01/02/2016" is not a date (YYYY-MM-DD)'],
    [{ effective_date: '2024-05-02' }, 'effective_date 2024-05-02 lies in the future'],
  ])('with %j is rejected: %s', (cells, reason) => {
    expect(reasonOf(cells)).toBe(reason);
  });

  it('accepts today (midnight in Beijing has passed) and a non-poor status without category', () => {
    expect(reasonOf({ effective_date: '2024-05-01' })).toBeNull();
    expect(reasonOf({ poverty_status: 'NOT_REGISTERED', poverty_category: '' })).toBeNull();
  });

  it('reads leap days and refuses impossible dates', () => {
    expect(parseEffectiveDate('2016-02-29')?.toISOString()).toBe('2016-02-28T16:00:00.000Z');
    expect(parseEffectiveDate('2015-02-29')).toBeNull();
    expect(parseEffectiveDate('2015-13-01')).toBeNull();
  });
});

describe('feeding the parser in slices', () => {
  it('normalises line endings without splitting a CRLF or a surrogate pair between slices', () => {
    const csv = 'a,b\r\nc,"d\r\ne"\r\n😀x,y\rz';
    for (const size of [1, 2, 3, 4, 5, 7, 64]) {
      const parts = [...slices(csv, size)];
      expect(parts.join('')).toBe('a,b\nc,"d\ne"\n😀x,y\nz');
      for (const p of parts) expect(p.length).toBeGreaterThan(0);
      for (const p of parts) expect(/[\ud800-\udbff]$/.test(p)).toBe(false);
    }
  });
});
