import { DatabaseDefinition } from '@app/platform';
import { AUTH_ENTITIES } from '@app/auth';
import { CATALOG_ENTITIES } from '@app/catalog';
import { GOODS_ENTITIES } from '@app/goods';
import { FINANCE_ENTITIES } from '@app/finance';
import { IMPACT_ENTITIES } from '@app/impact';
import { LEDGER_ENTITIES } from '@app/ledger';
import { ORDERS_ENTITIES } from '@app/orders';
import { PAYOUTS_ENTITIES } from '@app/payouts';
import { REGISTRY_ENTITIES } from '@app/registry';
import { STATIONS_ENTITIES } from '@app/stations';
import { VILLAGE_ORDERS_ENTITIES } from '@app/village-orders';
import { MIGRATIONS } from './migrations';

/** Every domain's entities and the one migration stream: what the data source and the CLI load. */
export const DATABASE: DatabaseDefinition = {
  entities: [
    ...REGISTRY_ENTITIES,
    ...STATIONS_ENTITIES,
    ...AUTH_ENTITIES,
    ...CATALOG_ENTITIES,
    ...GOODS_ENTITIES,
    ...VILLAGE_ORDERS_ENTITIES,
    ...ORDERS_ENTITIES,
    ...LEDGER_ENTITIES,
    ...PAYOUTS_ENTITIES,
    ...IMPACT_ENTITIES,
    ...FINANCE_ENTITIES,
  ],
  migrations: MIGRATIONS,
};
