import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LedgerLineInput } from '../accounts';
import { defaultLines, disbursementLines, fundTopUpLines, repaymentLines, subsidyLines } from './finance-postings';

const sides = (lines: LedgerLineInput[]) => ({
  debits: lines.reduce((s, l) => s + (l.debitFen ?? 0), 0),
  credits: lines.reduce((s, l) => s + (l.creditFen ?? 0), 0),
});

describe('finance posting recipes', () => {
  it('name the design accounts', () => {
    expect(disbursementLines('7', 500)).toEqual([{ account: 'loan:principal:7', debitFen: 500 }, { account: 'bank:disbursements', creditFen: 500 }]);
    expect(repaymentLines({ kind: 'WITHHELD', householdId: '3' }, '7', '2', 80, 20)).toEqual([
      { account: 'payable:household:3', debitFen: 100 },
      { account: 'loan:principal:7', creditFen: 80 },
      { account: 'revenue:interest:2', creditFen: 20 },
    ]);
    expect(repaymentLines({ kind: 'CASH', stationId: '5' }, '7', '2', 80, 0)[0]).toEqual({ account: 'cash:station:5', debitFen: 80 });
    expect(subsidyLines('1', '2', 30)).toEqual([{ account: 'fund:subsidy:1', debitFen: 30 }, { account: 'revenue:interest:2', creditFen: 30 }]);
    expect(fundTopUpLines('1', 'RISK', 9)[0].account).toBe('fund:risk:1');
    expect(fundTopUpLines('1', 'SUBSIDY', 9)).toEqual([{ account: 'fund:subsidy:1', debitFen: 9 }, { account: 'grant:county:1', creditFen: 9 }]);
    expect(defaultLines('1', '2', '7', 70, 30)).toEqual([
      { account: 'fund:risk:1', debitFen: 70 },
      { account: 'loss:lender:2', debitFen: 30 },
      { account: 'loan:principal:7', creditFen: 100 },
    ]);
  });

  it('every recipe balances', () => {
    fc.assert(
      fc.property(fc.nat(1e12), fc.nat(1e12), (a, b) => {
        for (const lines of [
          disbursementLines('1', a),
          repaymentLines({ kind: 'WITHHELD', householdId: '1' }, '1', '1', a, b),
          repaymentLines({ kind: 'CASH', stationId: '1' }, '1', '1', a, b),
          subsidyLines('1', '1', a),
          fundTopUpLines('1', 'RISK', a),
          defaultLines('1', '1', '1', a, b),
        ]) {
          const { debits, credits } = sides(lines);
          expect(debits).toBe(credits);
        }
      }),
    );
  });
});
