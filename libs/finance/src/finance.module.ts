import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { LedgerModule } from '@app/ledger';
import { OrdersModule } from '@app/orders';
import { PayoutsModule } from '@app/payouts';
import { RegistryModule } from '@app/registry';
import { FinancePolicy } from './access/finance.policy';
import { CreditXlsxController } from './http/credit-xlsx.controller';
import { CreditAssessmentService } from './credit-assessment.service';
import { CreditReportService } from './credit-report.service';
import { LendingResolver } from './graphql/lending.resolver';
import { CreditAssessmentFieldsResolver, LoanResolver } from './graphql/loan.resolver';
import { LoanProcessor } from './jobs/loan.processor';
import { ReconciliationResolver, ReconciliationVillageResolver } from './graphql/reconciliation.resolver';
import { ReconciliationService } from './reconciliation.service';
import { LendingService } from './lending.service';
import { LoanDisbursementService } from './loan-disbursement.service';
import { LoanRepaymentService } from './loan-repayment.service';
import { LoanServicingService } from './loan-servicing.service';
import { LoanService } from './loan.service';

/** Financial services: lenders, credit policy and assessment, three-exemption loans, the county funds. */
@Module({
  imports: [AuthModule, RegistryModule, OrdersModule, LedgerModule, PayoutsModule],
  providers: [
    FinancePolicy,
    LendingService,
    CreditAssessmentService,
    CreditReportService,
    LoanService,
    LoanDisbursementService,
    LoanRepaymentService,
    LoanServicingService,
    LoanProcessor,
    LendingResolver,
    LoanResolver,
    CreditAssessmentFieldsResolver,
    ReconciliationService,
    ReconciliationResolver,
    ReconciliationVillageResolver,
  ],
  controllers: [CreditXlsxController],
  exports: [LoanServicingService],
})
export class FinanceModule {}
