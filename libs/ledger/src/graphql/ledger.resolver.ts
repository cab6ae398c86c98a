import { Query, Resolver } from '@nestjs/graphql';
import { Role, Roles } from '@app/platform';
import { LedgerService } from '../ledger.service';
import { TrialBalanceType } from './trial-balance.type';

@Resolver()
export class LedgerResolver {
  constructor(private readonly ledger: LedgerService) {}

  @Query(() => TrialBalanceType, { description: 'Every account with its debits and credits, and whether they balance. Admins only.' })
  @Roles(Role.ADMIN)
  trialBalance(): Promise<TrialBalanceType> {
    return this.ledger.trialBalance();
  }
}
