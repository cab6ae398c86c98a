import { Payout } from './entities/payout.entity';
import { SandboxTransfer } from './entities/sandbox-transfer.entity';

export { Payout, SandboxTransfer };
export { PayeeKind, PayoutStatus } from './entities/enums';
export { PayoutsModule } from './payouts.module';
export const PAYOUTS_ENTITIES = [Payout, SandboxTransfer];
