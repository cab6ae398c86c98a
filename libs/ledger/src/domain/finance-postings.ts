import { LedgerLineInput } from '../accounts';

/** The financial-services accounts of the design ("Financial services"). */
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
