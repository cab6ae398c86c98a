import { AuthModule } from '@app/auth';
import { CatalogModule } from '@app/catalog';
import { FinanceModule } from '@app/finance';
import { GoodsModule } from '@app/goods';
import { ImpactModule } from '@app/impact';
import { LedgerModule } from '@app/ledger';
import { OrdersModule } from '@app/orders';
import { PayoutsModule } from '@app/payouts';
import { RegistryModule } from '@app/registry';
import { StationsModule } from '@app/stations';
import { VillageOrdersModule } from '@app/village-orders';

/** The domain modules: every process runs all of them (the API adds GraphQL and HTTP on top). */
export const DOMAIN_MODULES = [RegistryModule, StationsModule, AuthModule, CatalogModule, GoodsModule, OrdersModule, LedgerModule, VillageOrdersModule, PayoutsModule, ImpactModule, FinanceModule];
