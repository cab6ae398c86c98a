import { CreditPolicy } from './credit-policy';
import { atLeast, CreditGrade } from './credit-score';

export interface EligibilityInput {
  povertyStatus: string;
  /** The household's latest assessment, if any. */
  assessment: { grade: CreditGrade; labourers: number; assessedAt: Date } | null;
  now: Date;
  /** Principal outstanding on its loans (and committed on approved ones), in fen. */
  outstandingPrincipalFen: number;
  amountFen: number;
  policy: CreditPolicy;
}

export type Refusal = { field: 'householdId' | 'amountFen'; reason: string };

const DAY_MS = 86_400_000;

/**
 * A three-exemption loan needs: the household REGISTERED_POOR, a valid assessment (365 days) of grade
 * A or better, at least one labourer, and outstanding principal plus the amount within the grade's
 * line. The first rule broken is the refusal; null when eligible.
 */
export function refusalOf(input: EligibilityInput): Refusal | null {
  if (input.povertyStatus !== 'REGISTERED_POOR') {
    return { field: 'householdId', reason: `Three-exemption loans are for registered-poor households; this household is ${input.povertyStatus}` };
  }
  const a = input.assessment;
  if (!a) return { field: 'householdId', reason: 'The household has no credit assessment' };
  if (input.now.getTime() - a.assessedAt.getTime() > 365 * DAY_MS) {
    return { field: 'householdId', reason: 'The household\'s credit assessment is more than 365 days old: assess it again' };
  }
  if (!atLeast(a.grade, CreditGrade.A)) return { field: 'householdId', reason: `The household's credit grade is ${a.grade}; a loan needs A or better` };
  if (a.labourers < 1) return { field: 'householdId', reason: 'The household has no working-age labourer' };
  const line = input.policy.linesFen[a.grade];
  if (input.outstandingPrincipalFen + input.amountFen > line) {
    return {
      field: 'amountFen',
      reason: `Outstanding principal ${input.outstandingPrincipalFen} fen plus ${input.amountFen} fen exceeds the ${a.grade} credit line of ${line} fen`,
    };
  }
  return null;
}
