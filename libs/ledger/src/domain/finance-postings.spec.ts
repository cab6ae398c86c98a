import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LedgerLineInput, Posting } from './accounts';
import {
  defaultLines,
  disbursementLines,
  fundToppedUp,
  fundTopUpLines,
  loanDefaulted,
  loanDisbursed,
  loanRepaid,
  loanSubsidyPaid,
  repaymentLines,
  subsidyLines,
} from './finance-postings';
import { mergeLines } from './merge-lines';

const sides = (lines: LedgerLineInput[]) => ({
  debits: lines.reduce((s, l) => s + (l.debitFen ?? 0), 0),
  credits: lines.reduce((s, l) => s + (l.creditFen ?? 0), 0),
});

describe('finance posting recipes', () => {
  it('name the documented accounts', () => {
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

  it('the entries: kinds, references and exact lines', () => {
    expect(loanDisbursed({ loanId: '7', amountFen: 500_000 })).toEqual({
      kind: 'LOAN_DISBURSED',
      reference: '7',
      lines: [
        { account: 'loan:principal:7', debitFen: 500_000 },
        { account: 'bank:disbursements', creditFen: 500_000 },
      ],
    });
    expect(loanRepaid({ repaymentId: '12', source: { kind: 'WITHHELD', householdId: '3' }, loanId: '7', lenderId: '2', principalFen: 80, interestFen: 20 })).toEqual({
      kind: 'LOAN_REPAID_WITHHELD',
      reference: '12',
      lines: [
        { account: 'payable:household:3', debitFen: 100 },
        { account: 'loan:principal:7', creditFen: 80 },
        { account: 'revenue:interest:2', creditFen: 20 },
      ],
    });
    // No interest: no interest line.
    expect(loanRepaid({ repaymentId: '13', source: { kind: 'CASH', stationId: '5' }, loanId: '7', lenderId: '2', principalFen: 80, interestFen: 0 })).toEqual({
      kind: 'LOAN_REPAID_CASH',
      reference: '13',
      lines: [
        { account: 'cash:station:5', debitFen: 80 },
        { account: 'loan:principal:7', creditFen: 80 },
      ],
    });
    expect(loanSubsidyPaid({ loanId: '7', seq: 3, countyId: '1', lenderId: '2', amountFen: 30 })).toEqual({
      kind: 'LOAN_SUBSIDY',
      reference: '7:3',
      lines: [
        { account: 'fund:subsidy:1', debitFen: 30 },
        { account: 'revenue:interest:2', creditFen: 30 },
      ],
    });
    expect(fundToppedUp({ movementId: '4', countyId: '1', fund: 'RISK', amountFen: 9 })).toEqual({
      kind: 'FUND_TOP_UP',
      reference: '4',
      lines: [
        { account: 'fund:risk:1', debitFen: 9 },
        { account: 'grant:county:1', creditFen: 9 },
      ],
    });
    // Covered in full by the risk fund: no loss line.
    expect(loanDefaulted({ loanId: '7', countyId: '1', lenderId: '2', coveredFen: 100, lossFen: 0 })).toEqual({
      kind: 'LOAN_DEFAULTED',
      reference: '7',
      lines: [
        { account: 'fund:risk:1', debitFen: 100 },
        { account: 'loan:principal:7', creditFen: 100 },
      ],
    });
  });

  it('every entry balances to the fen, writes no zero line, and is accepted by the ledger when it moves money', () => {
    fc.assert(
      fc.property(fc.nat(1e12), fc.nat(1e12), fc.constantFrom('WITHHELD' as const, 'CASH' as const), fc.constantFrom('RISK' as const, 'SUBSIDY' as const), (a, b, source, fund) => {
        const postings: Posting[] = [
          loanDisbursed({ loanId: '1', amountFen: a }),
          loanRepaid({ repaymentId: '1', source: source === 'WITHHELD' ? { kind: source, householdId: '1' } : { kind: source, stationId: '1' }, loanId: '1', lenderId: '1', principalFen: a, interestFen: b }),
          loanSubsidyPaid({ loanId: '1', seq: 1, countyId: '1', lenderId: '1', amountFen: a }),
          fundToppedUp({ movementId: '1', countyId: '1', fund, amountFen: b }),
          loanDefaulted({ loanId: '1', countyId: '1', lenderId: '1', coveredFen: a, lossFen: b }),
        ];
        for (const p of postings) {
          const { debits, credits } = sides(p.lines);
          expect(debits).toBe(credits);
          expect(p.lines.every((l) => (l.debitFen ?? 0) > 0 !== (l.creditFen ?? 0) > 0)).toBe(true);
          if (debits > 0) expect(mergeLines(p.kind, p.reference, p.lines)).toHaveLength(p.lines.length);
        }
        expect(sides(postings[1].lines).debits).toBe(a + b);
        expect(sides(postings[4].lines).credits).toBe(a + b);
      }),
    );
  });
});
