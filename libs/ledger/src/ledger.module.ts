import { Module } from '@nestjs/common';
import { LedgerResolver } from './graphql/ledger.resolver';
import { LedgerService } from './ledger.service';

@Module({
  providers: [LedgerService, LedgerResolver],
  exports: [LedgerService],
})
export class LedgerModule {}
