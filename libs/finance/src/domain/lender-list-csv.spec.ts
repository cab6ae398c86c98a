import { describe, expect, it } from '@jest/globals';
import { lenderListHeader, lenderListRow } from './lender-list-csv';

describe('the lender list CSV', () => {
  it('reads the columns in any order, case and spaces aside', () => {
    expect(lenderListHeader([' Village_Code', 'head_name', 'registry_number'])).toEqual({ index: { registry_number: 2, head_name: 1, village_code: 0 } });
    expect(lenderListHeader(['registry_number', 'head_name'])).toEqual({ error: expect.stringContaining('village_code is missing') });
    expect(lenderListHeader(['registry_number', 'head_name', 'village_code', 'head_name'])).toEqual({ error: 'The header row names head_name twice' });
  });

  it('refuses empty or oversized fields with the reason', () => {
    const index = { registry_number: 0, head_name: 1, village_code: 2 };
    expect(lenderListRow([' SX-1 ', '王', '130426100201'], index, 2)).toEqual({ line: 2, registryNumber: 'SX-1', headName: '王', villageCode: '130426100201' });
    expect(lenderListRow(['', '王', '1'], index, 3)).toEqual({ reason: 'registry_number is empty' });
    expect(lenderListRow(['SX-1', '', '1'], index, 3)).toEqual({ reason: 'head_name must have 1 to 100 characters' });
    expect(lenderListRow(['SX-1', '王', ''], index, 3)).toEqual({ reason: 'village_code must have 1 to 20 characters' });
  });
});
