import { LedgerLineInput, Posting } from './accounts';

/** The financial-services accounts (docs/design.md, "Ledger accounts and postings"). */
export const FinanceAccounts = {
  loanPrincipal: (loanId: string) => `loan:principal:${loanId}`,
  interestRevenue: (lenderId: string) => `revenue:interest:${lenderId}`,
  householdPayable: (householdId: string) => `payable:household:${householdId}`,
  stationCash: (stationId: string) => `cash:station:${stationId}`,
  subsidyFund: (countyId: string) => `fund:subsidy:${countyId}`,
  riskFund: (countyId: string) => `fund:risk:${countyId}`,
  countyGrant: (countyId: string) => `grant:county:${countyId}`,
  lenderLoss: (lenderId: string) => `loss:lender:${lenderId}`,
  bankDisbursements: 'bank:disbursements',
} as const;

export type FundKind = 'RISK' | 'SUBSIDY';

/** Disbursement: debit `loan:principal:<loan>`, credit `bank:disbursements`. */
export function disbursementLines(loanId: string, amountFen: number): LedgerLineInput[] {
  return [
    { account: FinanceAccounts.loanPrincipal(loanId), debitFen: amountFen },
    { account: FinanceAccounts.bankDisbursements, creditFen: amountFen },
  ];
}

/**
 * Repayment: debit the household's payable (withheld at settlement) or the station's cash (paid at the
 * station); credit the loan's principal and the lender's interest revenue.
 */
export function repaymentLines(
  source: { kind: 'WITHHELD'; householdId: string } | { kind: 'CASH'; stationId: string },
  loanId: string,
  lenderId: string,
  principalFen: number,
  interestFen: number,
): LedgerLineInput[] {
  const debit = source.kind === 'WITHHELD' ? FinanceAccounts.householdPayable(source.householdId) : FinanceAccounts.stationCash(source.stationId);
  return [
    { account: debit, debitFen: principalFen + interestFen },
    { account: FinanceAccounts.loanPrincipal(loanId), creditFen: principalFen },
    { account: FinanceAccounts.interestRevenue(lenderId), creditFen: interestFen },
  ];
}

/** The county's subsidised share of an instalment's interest: debit `fund:subsidy:<county>`, credit the lender's interest revenue. */
export function subsidyLines(countyId: string, lenderId: string, amountFen: number): LedgerLineInput[] {
  return [
    { account: FinanceAccounts.subsidyFund(countyId), debitFen: amountFen },
    { account: FinanceAccounts.interestRevenue(lenderId), creditFen: amountFen },
  ];
}

/** A county's top-up of its risk or subsidy fund: debit the fund, credit `grant:county:<county>`. */
export function fundTopUpLines(countyId: string, fund: FundKind, amountFen: number): LedgerLineInput[] {
  return [
    { account: fund === 'RISK' ? FinanceAccounts.riskFund(countyId) : FinanceAccounts.subsidyFund(countyId), debitFen: amountFen },
    { account: FinanceAccounts.countyGrant(countyId), creditFen: amountFen },
  ];
}

/** A default: debit the risk fund (covered part) and the lender's loss (the rest), credit the loan's outstanding principal. */
export function defaultLines(countyId: string, lenderId: string, loanId: string, coveredFen: number, lossFen: number): LedgerLineInput[] {
  return [
    { account: FinanceAccounts.riskFund(countyId), debitFen: coveredFen },
    { account: FinanceAccounts.lenderLoss(lenderId), debitFen: lossFen },
    { account: FinanceAccounts.loanPrincipal(loanId), creditFen: coveredFen + lossFen },
  ];
}

/*
 * The entries of financial services, built from the lines above. Zero lines are left out (a repayment
 * with no interest, a default the risk fund covers in full): an entry writes what moves.
 */

const moving = (lines: LedgerLineInput[]) => lines.filter((l) => (l.debitFen ?? 0) !== 0 || (l.creditFen ?? 0) !== 0);

/** A loan's principal paid out by the bank. */
export function loanDisbursed(l: { loanId: string; amountFen: number }): Posting {
  return { kind: 'LOAN_DISBURSED', reference: l.loanId, lines: moving(disbursementLines(l.loanId, l.amountFen)) };
}

/**
 * A repayment of a loan: withheld from the household's payable at settlement (LOAN_REPAID_WITHHELD) or
 * paid in cash at the station (LOAN_REPAID_CASH). Referenced by the repayment's id.
 */
export function loanRepaid(r: {
  repaymentId: string;
  source: { kind: 'WITHHELD'; householdId: string } | { kind: 'CASH'; stationId: string };
  loanId: string;
  lenderId: string;
  principalFen: number;
  interestFen: number;
}): Posting {
  return {
    kind: r.source.kind === 'WITHHELD' ? 'LOAN_REPAID_WITHHELD' : 'LOAN_REPAID_CASH',
    reference: r.repaymentId,
    lines: moving(repaymentLines(r.source, r.loanId, r.lenderId, r.principalFen, r.interestFen)),
  };
}

/** The county's subsidy of an instalment's interest, referenced `<loan>:<instalment seq>`. */
export function loanSubsidyPaid(s: { loanId: string; seq: number; countyId: string; lenderId: string; amountFen: number }): Posting {
  return { kind: 'LOAN_SUBSIDY', reference: `${s.loanId}:${s.seq}`, lines: moving(subsidyLines(s.countyId, s.lenderId, s.amountFen)) };
}

/** A county's top-up of one of its funds, referenced by the fund movement's id. */
export function fundToppedUp(t: { movementId: string; countyId: string; fund: FundKind; amountFen: number }): Posting {
  return { kind: 'FUND_TOP_UP', reference: t.movementId, lines: moving(fundTopUpLines(t.countyId, t.fund, t.amountFen)) };
}

/** A defaulted loan's outstanding principal written off: the risk fund's cover and the lender's loss. */
export function loanDefaulted(d: { loanId: string; countyId: string; lenderId: string; coveredFen: number; lossFen: number }): Posting {
  return { kind: 'LOAN_DEFAULTED', reference: d.loanId, lines: moving(defaultLines(d.countyId, d.lenderId, d.loanId, d.coveredFen, d.lossFen)) };
}
