import { Module } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@app/platform';
import { GoodsModule } from '@app/goods';
import { LedgerModule } from '@app/ledger';
import { RegistryModule } from '@app/registry';
import { StationsModule } from '@app/stations';
import { PayoutResolver } from './graphql/payout.resolver';
import { PayoutProcessor } from './jobs/payout.processor';
import { PayoutQueryService } from './payout-query.service';
import { PayoutRelayService } from './payout-relay.service';
import { PayoutService } from './payout.service';
import { PAYOUT_PROVIDER } from './provider/payout-provider';
import { SandboxPayoutProvider } from './provider/sandbox-payout.provider';
import { SettlementWithholding } from './settlement-withholding';
import { SettlementService } from './settlement.service';

@Module({
  imports: [LedgerModule, RegistryModule, StationsModule, GoodsModule],
  providers: [
    SandboxPayoutProvider,
    {
      // The adapter named by PAYOUT_PROVIDER; a real one (a credit cooperative's API) is added here.
      provide: PAYOUT_PROVIDER,
      inject: [APP_CONFIG, SandboxPayoutProvider],
      useFactory: (config: AppConfig, sandbox: SandboxPayoutProvider) => {
        switch (config.payoutProvider) {
          case 'sandbox':
            return sandbox;
          default:
            throw new Error(`unknown payout provider ${String(config.payoutProvider)}`);
        }
      },
    },
    SettlementWithholding,
    SettlementService,
    PayoutService,
    PayoutRelayService,
    PayoutQueryService,
    PayoutProcessor,
    PayoutResolver,
   
  ],
  exports: [SettlementService, PayoutService, SettlementWithholding, PAYOUT_PROVIDER],
})
export class PayoutsModule {}
