import { CreditAssessment } from './entities/credit-assessment.entity';
import { CountyCreditPolicy, CountyFund } from './entities/credit-policy.entity';
import { FundMovement } from './entities/fund-movement.entity';
import { LenderListRow } from './entities/lender-list.entity';
import { LenderOfficer, LendingInstitution, LendingInstitutionCounty } from './entities/lending-institution.entity';
import { Loan, LoanInstalment, LoanRepayment, WithholdingConsent } from './entities/loan.entity';

export { FinanceModule } from './finance.module';
export { LoanServicingService } from './loan-servicing.service';
export { LoanStatus } from './entities/enums';
export const FINANCE_ENTITIES = [
  LendingInstitution,
  LendingInstitutionCounty,
  LenderOfficer,
  CountyCreditPolicy,
  CountyFund,
  FundMovement,
  CreditAssessment,
  Loan,
  LoanInstalment,
  LoanRepayment,
  WithholdingConsent,
  LenderListRow,
];
export { FINANCE_JOBS } from './jobs/jobs';
