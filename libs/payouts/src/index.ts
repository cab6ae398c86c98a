import { Payout } from './entities/payout.entity';
import { PayoutLink } from './entities/payout-link.entity';
import { SandboxTransfer } from './entities/sandbox-transfer.entity';
import { SettlementRun } from './entities/settlement-run.entity';

export { Payout, PayoutLink, SandboxTransfer, SettlementRun };
export { PayeeKind, PayoutStatus } from './domain/enums';
export { PayoutData } from './domain/payout';
export { PayoutType } from './graphql/payout.type';
export { PayoutProvider, PAYOUT_PROVIDER, TransferResult } from './provider/payout-provider';
export { PayoutsModule } from './payouts.module';
export { PayoutService } from './payout.service';
export { PAID_HOUSEHOLD_ALLOCATIONS_SQL } from './payout-links';
export { SettlementResult, SettlementService } from './settlement.service';
export { HouseholdWithholding, OwedToHousehold, SettlementWithholding } from './settlement-withholding';
export const PAYOUTS_ENTITIES = [Payout, PayoutLink, SandboxTransfer, SettlementRun];
export { PAYOUTS_JOBS } from './jobs/jobs';
